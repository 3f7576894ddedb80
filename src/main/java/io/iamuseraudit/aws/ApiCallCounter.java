package io.iamuseraudit.aws;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the AWS API calls the audit makes (calls, not retried attempts), per member
 * account and service, as evidence of how economically it used the quotas. Requests made
 * for a member account carry {@link #ACCOUNT}; the others count for the delegated admin
 * account ({@code ""}). Thread-safe.
 */
public final class ApiCallCounter implements ExecutionInterceptor {

	/** The member account a request is made for. */
	public static final ExecutionAttribute<String> ACCOUNT = new ExecutionAttribute<>("IamUserAuditAccount");

	private final Map<String, Map<String, AtomicInteger>> calls = new ConcurrentHashMap<>();

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
		String account = attributes.getOptionalAttribute(ACCOUNT).orElse("");
		String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
		count(account, service);
	}

	void count(String account, String service) {
		this.calls.computeIfAbsent(account, key -> new ConcurrentHashMap<>())
			.computeIfAbsent(service, key -> new AtomicInteger())
			.incrementAndGet();
	}

	/**
	 * Takes the calls counted so far for an account, by service, and starts again from
	 * zero.
	 */
	public Map<String, Integer> drain(String account) {
		Map<String, AtomicInteger> counted = this.calls.remove(account);
		Map<String, Integer> drained = new TreeMap<>();
		if (counted != null) {
			counted.forEach((service, count) -> drained.put(service, count.get()));
		}
		return drained;
	}

}
