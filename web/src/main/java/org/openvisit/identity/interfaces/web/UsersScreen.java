package org.openvisit.identity.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.openvisit.identity.application.AccountService;
import org.openvisit.identity.application.AccountSummary;
import org.openvisit.identity.application.NewAccount;
import org.openvisit.identity.application.SignedInUser;
import org.openvisit.shared.interfaces.web.OrganizationContext;
import org.openvisit.shared.interfaces.web.PortalMessages;
import org.openvisit.tenant.application.OrganizationService;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** An organization's portal users: an administrator (or an operator) creates them and gives them roles. */
@Named
@ViewScoped
public class UsersScreen implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private AccountService accounts;

    @EJB
    private OrganizationService organizations;

    @Inject
    private CurrentUser currentUser;

    @Inject
    private IdentityText text;

    @Inject
    private org.openvisit.identity.infrastructure.oidc.OidcClient oidc;

    private String org;
    private UUID organizationId;
    private String organizationName;
    private String username;
    private String displayName;
    private List<Role> roles = new java.util.ArrayList<>();
    private String password;
    private List<AccountSummary> members = List.of();
    /** The member whose roles are being changed ({@code null}: none). */
    private AccountSummary editing;
    private List<Role> editRoles = new java.util.ArrayList<>();
    /** The one-time password of the last reset, shown once on the page that made it, then forgotten. */
    private org.openvisit.identity.application.PasswordReset reset;

    public void load() {
        organizationId = OrganizationContext.of(currentUser.actor(), org).orElse(null);
        organizationName = organizationId == null ? null
                : organizations.find(organizationId).map(o -> o.name()).orElse(null);
        refreshMembers();
    }

    private void refreshMembers() {
        members = List.of();
        if (isMayCreate()) {
            members = accounts.listMembers(currentUser.actor(), organizationId, 0, AccountService.MAX_PAGE_SIZE).items();
        }
    }

    public List<AccountSummary> getMembers() {
        return members;
    }

    /** Stops a member's account (their sessions end at their next request) or starts it again. */
    public void toggleEnabled(AccountSummary member) {
        reset = null;
        try {
            AccountSummary changed = accounts.setEnabled(currentUser.actor(), member.username(), !member.enabled());
            PortalMessages.info(text.format(changed.enabled() ? "users.restarted" : "users.stopped", changed.username()));
            refreshMembers();
        } catch (RuntimeException refused) {
            PortalMessages.refused(refused);
        }
    }

    /** Opens the change of a member's roles, with their roles now ticked. */
    public void startRoleChange(AccountSummary member) {
        editing = member;
        editRoles = new java.util.ArrayList<>(member.roles().stream().sorted().toList());
        reset = null;
    }

    public void cancelRoleChange() {
        editing = null;
        editRoles = new java.util.ArrayList<>();
    }

    /** Saves the member's new roles; they take effect at the member's next request. */
    public void saveRoles() {
        if (editing == null) {
            return;
        }
        if (editRoles == null || editRoles.isEmpty()) {
            PortalMessages.error(text.get("users.rolesRequired"));
            return;
        }
        try {
            AccountSummary changed = accounts.changeRoles(currentUser.actor(), editing.username(), EnumSet.copyOf(editRoles));
            PortalMessages.info(text.format("users.rolesChanged", changed.username(), rolesInWords(changed)));
            cancelRoleChange();
            refreshMembers();
        } catch (RuntimeException refused) {
            PortalMessages.refused(refused);
        }
    }

    /** Resets a member's password to a one-time password, shown once here; they change it at their next sign-in. */
    public void resetPassword(AccountSummary member) {
        reset = null;
        editing = null;
        try {
            reset = accounts.resetPassword(currentUser.actor(), member.username());
            PortalMessages.info(text.format("users.passwordReset", reset.username()));
            refreshMembers();
        } catch (RuntimeException refused) {
            PortalMessages.refused(refused);
        }
    }

    /** The one-time password of the reset just made, once: the next call answers nothing. */
    public org.openvisit.identity.application.PasswordReset getReset() {
        return reset;
    }

    /** Forgets the one-time password once the page that shows it was rendered. */
    public void forgetReset() {
        reset = null;
    }

    public AccountSummary getEditing() {
        return editing;
    }

    public List<Role> getEditRoles() {
        return editRoles;
    }

    public void setEditRoles(List<Role> editRoles) {
        this.editRoles = editRoles == null ? new java.util.ArrayList<>() : editRoles;
    }

    /** With the organization's identity provider, people sign in there: no OpenVisit password to set. */
    public boolean isPasswordHere() {
        return !oidc.settings().oidc();
    }

    public boolean isSelf(AccountSummary member) {
        return member.username().equalsIgnoreCase(currentUser.actor().username());
    }

    public String rolesInWords(AccountSummary member) {
        return member.roles().stream().sorted().map(text::roleShort).collect(java.util.stream.Collectors.joining(", "));
    }

    public boolean isMayCreate() {
        Actor actor = currentUser.actor();
        return organizationName != null
                && (actor.hasRole(Role.OPERATOR) || actor.hasRoleIn(Role.ORG_ADMIN, organizationId));
    }

    public void create() {
        reset = null;
        if (roles == null || roles.isEmpty()) {
            // checked here, not with required="true": PrimeFaces puts aria-required on the checkbox table, which is
            // not allowed there (axe-core, WCAG 4.1.2)
            PortalMessages.error(text.get("users.rolesRequired"));
            password = null;
            return;
        }
        try {
            Set<Role> chosen = roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles);
            SignedInUser created = accounts.createAccount(currentUser.actor(),
                    new NewAccount(username, displayName, organizationId, chosen, password));
            PortalMessages.info(text.format("users.created", created.username(),
                    created.roles().stream().sorted().map(this::label).collect(java.util.stream.Collectors.joining(", "))));
            username = null;
            displayName = null;
            roles = new java.util.ArrayList<>();
            refreshMembers();
        } catch (RuntimeException refused) {
            PortalMessages.refused(refused);
        } finally {
            password = null;
        }
    }

    /** The roles held within an organization; operators are created by operators elsewhere. */
    public List<Role> getAssignableRoles() {
        return List.of(Role.ORG_ADMIN, Role.EHR_ANALYST, Role.REPORT_READER);
    }

    public String label(Role role) {
        return text.role(role);
    }

    public String getOrg() {
        return org;
    }

    public void setOrg(String org) {
        this.org = org;
    }

    public String getOrganizationName() {
        return organizationName;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public List<Role> getRoles() {
        return roles;
    }

    public void setRoles(List<Role> roles) {
        this.roles = roles == null ? new java.util.ArrayList<>() : roles;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
