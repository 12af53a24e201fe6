#!/usr/bin/env bash
# Records the current tessera-api as the released baseline VERSION in bundles/api/baseline, the Maven
# repository that bnd-baseline-maven-plugin compares every later build with (#2).
#   bundles/api/make-baseline.sh 1.0.0      then set tessera.baseline.version in the root pom to 1.0.0
set -euo pipefail
ver=${1:?usage: bundles/api/make-baseline.sh VERSION}
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
. .ci/jdk.sh
tessera_find_jdk
./mvnw -q -B -pl bundles/api package -DskipTests -Dbnd.baseline.skip=true
dest="bundles/api/baseline/dev/tessera/tessera-api/$ver"
mkdir -p "$dest"
# the baseline must carry the release's Bundle-Version, not the snapshot's
python3 - "$root/bundles/api/target/tessera-api-"*-SNAPSHOT.jar "$dest/tessera-api-$ver.jar" "$ver" <<'PY'
import re, sys, zipfile
src, dst, ver = sys.argv[1], sys.argv[2], sys.argv[3]

def fold(text):
    """Manifest lines are at most 72 bytes; longer headers continue on lines that start with a space."""
    out = bytearray()
    for line in text.replace("\r\n", "\n").split("\n"):
        b = line.encode("utf-8")
        first = True
        while True:
            room = 72 if first else 71
            chunk, b = b[:room], b[room:]
            out += (b"" if first else b" ") + chunk + b"\r\n"
            first = False
            if not b:
                break
    return bytes(out).replace(b"\r\n\r\n\r\n", b"\r\n\r\n")
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == "META-INF/MANIFEST.MF":
            text = data.decode("utf-8").replace("\r\n ", "")  # unfold continuation lines
            text = re.sub(r"(?m)^Bundle-Version: .*$", "Bundle-Version: " + ver, text)
            text = re.sub(r"(?m)^Bnd-LastModified: .*\n", "", text)
            data = fold(text)
        zout.writestr(item, data)
PY
cat > "$dest/tessera-api-$ver.pom" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.tessera</groupId>
  <artifactId>tessera-api</artifactId>
  <version>$ver</version>
</project>
POM
(cd "$dest" && sha1sum "tessera-api-$ver.jar" | cut -d' ' -f1 > "tessera-api-$ver.jar.sha1" && sha1sum "tessera-api-$ver.pom" | cut -d' ' -f1 > "tessera-api-$ver.pom.sha1")
echo "baseline tessera-api $ver written to $dest"
