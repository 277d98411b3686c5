/**
 * Signing in with built-in accounts and managing them: password checks (PBKDF2) and policy, the sign-in
 * throttle and lockout, the optional second factor (TOTP codes and recovery codes), the first operator created at
 * first start, and the actor a signed-in user acts as.
 */
package org.openvisit.identity.application;
