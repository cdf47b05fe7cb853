#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (an Ubuntu base image;
# 22.04 or later has a JDK 17 package). Written by `course gradescope`: build a new bundle rather than
# edit it. It installs a JDK 17, builds the course command (grader/target/course.jar) with the Maven
# wrapper, which downloads Maven and the grader's libraries now, and checks that the command starts.
# Grading itself needs neither Maven nor the network. bubblewrap is installed so that test JVMs can
# run in a sandbox; where the container forbids user namespaces, the grader finds out and reports
# the sandbox it used (possibly `none`) in each report.
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
SOURCE="$ROOT/source"

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends openjdk-17-jdk-headless ca-certificates bubblewrap
for jdk in /usr/lib/jvm/java-17-openjdk*; do
    if [ -x "$jdk/bin/javac" ]; then
        export JAVA_HOME="$jdk"
        break
    fi
done

cd "$SOURCE"
chmod +x course mvnw run_autograder
if [ -f "$ROOT/run_autograder" ]; then
    chmod +x "$ROOT/run_autograder"
fi
sh ./mvnw -q -B -pl grader -am package -DskipTests
touch grader/target/course.jar
./course list > /dev/null
echo "Ready to grade: $(./course --version | head -n 1), Java $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -n 1)"
