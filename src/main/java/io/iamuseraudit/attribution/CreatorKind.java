package io.iamuseraudit.attribution;

/** Whether a user was created by a person or by automation. */
public enum CreatorKind {

	PERSON, AUTOMATION, UNKNOWN

}
