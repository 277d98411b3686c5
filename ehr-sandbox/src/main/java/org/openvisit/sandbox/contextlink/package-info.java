/**
 * Epic-style encrypted context links: launch claims encrypted with AES-256-GCM under a per-app key,
 * in the byte format that CONTEXT-LINK.md specifies for OpenVisit's decrypting side.
 */
package org.openvisit.sandbox.contextlink;
