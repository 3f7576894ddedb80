package io.iamuseraudit.account;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;

import static org.assertj.core.api.Assertions.assertThat;

class AccountNamesAheadTests {

	private final List<String> listedOn = new CopyOnWriteArrayList<>();

	private final AccountNamesAhead names = new AccountNamesAhead(() -> {
		this.listedOn.add(Thread.currentThread().getName());
		return Map.of("111111111111", "payments-prod");
	});

	private final StepExecution collect = MetaDataInstanceFactory.createStepExecution();

	@Test
	void listsTheNamesWhileTheInventoryIsReadAndOnceOnly() {
		this.names.beforeStep(this.collect);
		this.collect.setStatus(BatchStatus.COMPLETED);
		this.names.afterStep(this.collect);

		assertThat(this.names.accountNames()).containsEntry("111111111111", "payments-prod");
		assertThat(this.listedOn).containsExactly("account-names");
		assertThat(this.names.accountNames()).as("a second enrichUsers lists them anew").isNotEmpty();
		assertThat(this.listedOn).containsExactly("account-names", Thread.currentThread().getName());
	}

	@Test
	void listsThemWhenAskedAfterAFailedCollectStepOrWithoutOne() {
		this.names.beforeStep(this.collect);
		this.collect.setStatus(BatchStatus.FAILED);
		this.names.afterStep(this.collect);

		assertThat(this.names.accountNames()).containsEntry("111111111111", "payments-prod");
		assertThat(this.listedOn).as("listed again, here").contains(Thread.currentThread().getName());

		List<String> withoutCollect = new CopyOnWriteArrayList<>();
		AccountNamesAhead restarted = new AccountNamesAhead(() -> {
			withoutCollect.add(Thread.currentThread().getName());
			return Map.of("111111111111", "payments-prod");
		});
		assertThat(restarted.accountNames()).containsEntry("111111111111", "payments-prod");
		assertThat(withoutCollect).as("enrichUsers restarted in a new process lists them itself")
			.containsExactly(Thread.currentThread().getName());
	}

}
