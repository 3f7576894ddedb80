package io.iamuseraudit.delivery;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Records each HTTP request an SDK client transmits, signed and with every header as
 * sent.
 */
final class RecordedRequests implements ExecutionInterceptor {

	private final List<SdkHttpRequest> requests = new CopyOnWriteArrayList<>();

	@Override
	public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
		this.requests.add(context.httpRequest());
	}

	List<SdkHttpRequest> all() {
		return List.copyOf(this.requests);
	}

	List<SdkHttpRequest> withMethod(String method) {
		return this.requests.stream().filter(request -> request.method().name().equals(method)).toList();
	}

	SdkHttpRequest last() {
		return this.requests.get(this.requests.size() - 1);
	}

	void clear() {
		this.requests.clear();
	}

}
