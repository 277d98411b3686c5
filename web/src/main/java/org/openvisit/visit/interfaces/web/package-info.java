/**
 * The visit pages: the clinician's live visit page and the patient's and guest's lobby (built-in rooms); and where
 * Microsoft Graph sends the change notifications of Teams call records.
 */
package org.openvisit.visit.interfaces.web;
