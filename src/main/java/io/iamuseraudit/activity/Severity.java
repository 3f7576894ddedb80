package io.iamuseraudit.activity;

/** How urgently a finding should be fixed. */
public enum Severity {

	HIGH, MEDIUM, LOW

}
