/** The visit pages: the clinician's live visit page and the patient's and guest's lobby (built-in rooms). */
package org.openvisit.visit.interfaces.web;
