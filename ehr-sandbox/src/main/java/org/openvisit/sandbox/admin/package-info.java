/**
 * The sandbox's administration: the admin page (app registrations, context-link keys, fault switch)
 * and the JSON admin API that tests use to read and set the same things.
 */
package org.openvisit.sandbox.admin;
