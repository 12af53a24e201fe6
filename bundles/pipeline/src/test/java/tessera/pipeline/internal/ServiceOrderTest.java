package tessera.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

import tessera.api.design.DesignRequest;
import tessera.api.generate.Candidate;
import tessera.api.image.RgbImage;
import tessera.api.job.ServiceUse;

/** Which service serves a job, and which generator answers are refused (#2). */
class ServiceOrderTest {

    @Test
    void theNewestVersionOfAPluginServesThenTheHighestRanking() {
        List<ServiceReference<?>> refs = new ArrayList<>(List.of(
                ref(1, "2.0.0", 0), ref(2, "10.0.0", 0), ref(3, "2.0.0", 5), ref(4, "1.9.9", 100)));
        refs.sort(ServiceBroker.BEST_FIRST);
        assertThat(refs).extracting(r -> r.getProperty(Constants.SERVICE_ID)).containsExactly(2L, 3L, 1L, 4L);
    }

    @Test
    void withNoPluginNamedRankingDecidesAcrossPluginsAndVersionOnlyWithinOne() {
        // a model generator numbered 1.0.0.<time> must not beat the procedural one by its version number,
        // nor a newer model plugin win by numbering; the ranked one serves, its newest version first
        List<ServiceReference<?>> refs = new ArrayList<>(List.of(
                ref(1, "gan", "9.0.0", 0), ref(2, "procedural", "1.1.0", 10), ref(3, "procedural", "1.2.0", 10),
                ref(4, "diffusion", "1.0.0", 0), ref(5, "acme", "0.1.0", 0)));
        refs.sort(ServiceBroker.PLUGIN_DEFAULT_FIRST);
        assertThat(refs).extracting(r -> r.getProperty(Constants.SERVICE_ID)).containsExactly(3L, 2L, 5L, 4L, 1L);
    }

    @Test
    void anUnparseableVersionSortsLast() {
        List<ServiceReference<?>> refs = new ArrayList<>(List.of(ref(1, "not-a-version", 0), ref(2, "0.0.1", 0)));
        refs.sort(ServiceBroker.BEST_FIRST);
        assertThat(refs).extracting(r -> r.getProperty(Constants.SERVICE_ID)).containsExactly(2L, 1L);
    }

    @Test
    void generatorAnswersThatDoNotMatchTheRequestAreRefusedNamingThePlugin() {
        DesignRequest req = new DesignRequest("", null, null, 1L, 2, 16, 16, null, null, null, null, null, null, null, null);
        ServiceUse gen = new ServiceUse("generator", "acme", "1.2.0", "acme.bundle", null);
        Candidate ok0 = candidate(0, 16, 0.5f), ok1 = candidate(1, 16, 0.5f);
        assertThatThrownBy(() -> CandidateCheck.validate(List.of(ok0), req, gen))
                .hasMessageContaining("'acme' 1.2.0 returned 1 candidates for 2 requested");
        assertThatThrownBy(() -> CandidateCheck.validate(List.of(ok0, candidate(1, 8, 0.5f)), req, gen))
                .hasMessageContaining("made a 8×8 tile; 16×16 was requested");
        assertThatThrownBy(() -> CandidateCheck.validate(List.of(ok0, candidate(1, 16, Float.NaN)), req, gen))
                .hasMessageContaining("outside [0, 1]");
        assertThatThrownBy(() -> CandidateCheck.validate(List.of(ok1, ok0), req, gen))
                .hasMessageContaining("index 1 at position 0");
    }

    @Test
    void aMatchingAnswerPasses() throws Exception {
        DesignRequest req = new DesignRequest("", null, null, 1L, 2, 16, 16, null, null, null, null, null, null, null, null);
        CandidateCheck.validate(List.of(candidate(0, 16, 0f), candidate(1, 16, 1f)), req,
                new ServiceUse("generator", "acme", "1.0.0", "b", null));
    }

    private static Candidate candidate(int index, int size, float value) {
        float[] p = new float[3 * size * size];
        java.util.Arrays.fill(p, value);
        return new Candidate(index, index, RgbImage.wrap(size, size, p), Map.of(), null);
    }

    private static ServiceReference<?> ref(long id, String version, int ranking) {
        return ref(id, "gen", version, ranking);
    }

    private static ServiceReference<?> ref(long id, String plugin, String version, int ranking) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_ID, id);
        props.put(Constants.SERVICE_RANKING, ranking);
        props.put("tessera.plugin.id", plugin);
        props.put("tessera.plugin.version", version);
        return new FakeRef(props);
    }

    /** Just enough of a service reference for ordering; no framework needed. */
    private record FakeRef(Hashtable<String, Object> props) implements ServiceReference<Object> {
        @Override
        public Object getProperty(String key) {
            return props.get(key);
        }

        @Override
        public String[] getPropertyKeys() {
            return props.keySet().toArray(String[]::new);
        }

        @Override
        public Bundle getBundle() {
            return null;
        }

        @Override
        public Bundle[] getUsingBundles() {
            return null;
        }

        @Override
        public boolean isAssignableTo(Bundle bundle, String className) {
            return true;
        }

        @Override
        public int compareTo(Object reference) {
            return 0;
        }

        @Override
        public Dictionary<String, Object> getProperties() {
            return props;
        }

        @Override
        public <A> A adapt(Class<A> type) {
            return null;
        }
    }
}
