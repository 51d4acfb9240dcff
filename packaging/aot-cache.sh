#!/usr/bin/env bash
# Makes the app image's ahead-of-time cache (JDK 25: JEP 483 class loading and linking, JEP 515 method profiles),
# lib/app/highwater.aot, which both launchers name with -XX:AOTCache=$APPDIR/highwater.aot (app.args,
# cli.properties). One training run, dev.highwater.AotTraining, in the image's own runtime, with the launcher's
# own class path and options: the JVM only uses a cache made by the same runtime from the same jars.
#
# The JVM also checks each jar's modification time against the one it recorded. jpackage copies the image into
# the .deb without keeping those times, so every jar gets a fixed time first, here and again in the .deb's
# postinst (packaging/linux/postinst, JAR_TIME: keep the two equal). A cache that does not match (a jar replaced
# by hand, say) is skipped without a word (-Xlog:aot*=off in the options) and the app starts as it would without.
#
# -XX:-AOTClassLinking: the classes come from the cache as a command asks for them, rather than every class of
# the training (the broker's, the console's) loaded and linked before main. Linked up front, `--version` took
# three times as long as with no cache at all; as asked for, it is as quick as without one, and `tail --limit 1`
# prints its first record in half the time (packaging/README.md).
#
# Usage: packaging/aot-cache.sh IMAGE   (Linux: target/installer/Highwater; macOS: the .app's Contents)
set -euo pipefail
JAR_TIME='2000-01-01 00:00:00 UTC'
image="$1"
app="$image/lib/app"
[ -d "$app" ] || app="$image/app"   # macOS: Contents/app
java="$image/lib/runtime/bin/java"
[ -x "$java" ] || java="$image/runtime/Contents/Home/bin/java"
cfg=$(ls "$app"/*.cfg | head -1)
find "$image" -name '*.jar' -exec touch -d "$JAR_TIME" {} +
# the class path exactly as the launcher builds it: app.classpath lines, $APPDIR being the app folder
classpath=$(sed -n 's/^app\.classpath=//p' "$cfg" | sed "s#\\\$APPDIR#$app#g" | paste -sd: -)
mapfile -t options < <(sed -n 's/^java-options=//p' "$cfg" | grep -v -e '-XX:AOTCache=' | sed "s#\\\$APPDIR#$app#g")
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
rm -f "$app/highwater.aot"
HIGHWATER_HOME="$home" "$java" "${options[@]}" -XX:-AOTClassLinking -XX:AOTCacheOutput="$app/highwater.aot" -cp "$classpath" \
    dev.highwater.AotTraining >"$home/training.out" 2>&1 || { cat "$home/training.out" >&2; exit 1; }
ls -l "$app/highwater.aot"
