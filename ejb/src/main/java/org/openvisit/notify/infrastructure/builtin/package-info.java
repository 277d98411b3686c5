/**
 * The built-in SMS carrier (the default): never leaves the machine; gives numbers from the range reserved for
 * fiction (+1 area 555-0100 to 555-0199) after a configurable delay.
 */
package org.openvisit.notify.infrastructure.builtin;
