package tessera.host.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {
    @TempDir
    Path tmp;

    @Test
    void storesByContentHashOnceAndRemovesHalfWrittenFiles() throws Exception {
        Path root = tmp.resolve("cas");
        Files.createDirectories(root);
        Files.writeString(root.resolve(".incoming-123.tmp"), "half"); // what a killed writer leaves
        ArtifactStore store = new ArtifactStore(root);
        assertThat(root.resolve(".incoming-123.tmp")).doesNotExist();
        Path a = Files.writeString(tmp.resolve("a.txt"), "hello");
        String sha = store.put(a);
        assertThat(sha).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(store.put(Files.writeString(tmp.resolve("b.txt"), "hello"))).isEqualTo(sha);
        assertThat(Files.readString(store.path(sha))).isEqualTo("hello");
        try (var s = Files.list(root)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("2c");
        }
    }

    @Test
    void aPathOutsideTheStoreCannotBeNamed() throws Exception {
        ArtifactStore store = new ArtifactStore(tmp.resolve("cas"));
        assertThatThrownBy(() -> store.path("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }
}
