/** The SMART EHR launch against the bundled EHR sandbox on the shared server, over real HTTP and in the browser. */
package org.openvisit.it.launch;
