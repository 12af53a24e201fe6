package tessera.compute;

/** One buffer and the scope that owns it; every view of the buffer shares this object. */
final class Storage {
    final DeviceBuffer buffer;
    TensorScope owner;

    Storage(DeviceBuffer buffer, TensorScope owner) {
        this.buffer = buffer;
        this.owner = owner;
    }
}
