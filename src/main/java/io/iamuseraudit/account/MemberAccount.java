package io.iamuseraudit.account;

/**
 * A member account of the organization that has IAM users.
 *
 * @param name the account's name, or its id when the name cannot be looked up
 */
public record MemberAccount(String id, String name) {
}
