/**
 * What every REST resource shares: the API root, RFC 9457 problem responses and the exception
 * mappers that turn every failure into one, never a stack trace.
 */
package org.openvisit.shared.interfaces.rest;
