/** The visit pages: the clinician's visit page and the patient's lobby (placeholder until issue 6). */
package org.openvisit.visit.interfaces.web;
