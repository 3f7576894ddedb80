package io.iamuseraudit.attribution;

import java.util.List;

import io.iamuseraudit.inventory.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OwnerResolverTests {

	private final OwnerResolver resolver = new OwnerResolver(List.of("owner", "team", "contact"));

	@Test
	void findsOwnerTagWhateverItsCase() {
		assertThat(this.resolver.resolve(List.of(new Tag("OWNER", "Zoë Ångström"))))
			.isEqualTo(new Owner("Zoë Ångström", "OWNER"));
		assertThat(this.resolver.resolve(List.of(new Tag("Owner", "李雷")))).isEqualTo(new Owner("李雷", "Owner"));
	}

	@Test
	void prefersKeysInConfiguredOrder() {
		List<Tag> tags = List.of(new Tag("Contact", "pager"), new Tag("team", "platform"), new Tag("owner", "alice"));

		assertThat(this.resolver.resolve(tags)).isEqualTo(new Owner("alice", "owner"));
		assertThat(this.resolver.resolve(tags.subList(0, 2))).isEqualTo(new Owner("platform", "team"));
	}

	@Test
	void skipsBlankValuesAndTrimsOthers() {
		List<Tag> tags = List.of(new Tag("Owner", "  "), new Tag("Team", " Web Team "));

		assertThat(this.resolver.resolve(tags)).isEqualTo(new Owner("Web Team", "Team"));
	}

	@Test
	void reportsNoOwnerWithoutOwnerTags() {
		Owner owner = this.resolver.resolve(List.of(new Tag("CostCenter", "CC-1"), new Tag("Environment", "prod")));

		assertThat(owner.known()).isFalse();
		assertThat(owner.source()).isEmpty();
	}

	@Test
	void namesTheMatchedKeyAsSource() {
		assertThat(this.resolver.resolve(List.of(new Tag("TEAM", "data"))).source()).isEqualTo("tag:TEAM");
	}

	@Test
	void ignoresKeysThatOnlyContainAnOwnerKey() {
		assertThat(this.resolver.resolve(List.of(new Tag("owner-email", "x@example.com"))).known()).isFalse();
	}

}
