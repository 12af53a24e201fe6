package tessera.pipeline.internal;

import java.util.AbstractList;
import java.util.List;

/** Several services held for one stage of a job; closing gives them all back. */
final class HeldServices<T> extends AbstractList<HeldService<T>> implements AutoCloseable {
    private final List<HeldService<T>> held;

    HeldServices(List<HeldService<T>> held) {
        this.held = List.copyOf(held);
    }

    @Override
    public HeldService<T> get(int index) {
        return held.get(index);
    }

    @Override
    public int size() {
        return held.size();
    }

    @Override
    public void close() {
        held.forEach(HeldService::close);
    }
}
