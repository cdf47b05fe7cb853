@echo off
rem The course command for Windows: your progress, hints, grading and the kit's self-check.
rem   course            the progress board (same as: course check)
rem   course --help     every command
rem Needs only a JDK 17 or newer. The first run builds grader\target\course.jar with the bundled
rem Maven wrapper; later runs rebuild it only when the grader's sources or the POMs changed.
setlocal EnableExtensions

set "COURSE_ROOT=%~dp0"
if "%COURSE_ROOT:~-1%"=="\" set "COURSE_ROOT=%COURSE_ROOT:~0,-1%"
set "COURSE_JAR=%COURSE_ROOT%\grader\target\course.jar"

set "JAVA="
set "JAVAC="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" (
    set "JAVA=%JAVA_HOME%\bin\java.exe"
    set "JAVAC=%JAVA_HOME%\bin\javac.exe"
)
if not defined JAVA (
    for %%J in (java.exe) do set "JAVA=%%~$PATH:J"
    for %%J in (javac.exe) do set "JAVAC=%%~$PATH:J"
)
if not defined JAVA (
    echo course: no Java found. This course needs a JDK 17 or newer ^(for example Eclipse Temurin 17 or 21^): install one, then set JAVA_HOME or put its bin folder on your PATH. 1>&2
    exit /b 2
)

rem The first line of "java -version": openjdk version "17.0.15" 2025-04-15 (or "1.8.0_381", or "25").
set "JVER="
set "VERFILE=%TEMP%\course-java-version-%RANDOM%.txt"
"%JAVA%" -version 2> "%VERFILE%"
for /f "usebackq tokens=3" %%v in ("%VERFILE%") do if not defined JVER set "JVER=%%~v"
del "%VERFILE%" >nul 2>&1
set "MAJOR="
set "MINOR="
for /f "tokens=1,2 delims=.-+_" %%a in ("%JVER%") do (
    set "MAJOR=%%a"
    set "MINOR=%%b"
)
if "%MAJOR%"=="1" set "MAJOR=%MINOR%"
if not defined MAJOR (
    echo course: cannot tell which Java "%JAVA%" is. This course needs a JDK 17 or newer. 1>&2
    exit /b 2
)
if %MAJOR% LSS 17 (
    echo course: "%JAVA%" is Java %JVER%; this course needs Java 17 or newer ^(a JDK^). Install one and set JAVA_HOME to it. 1>&2
    exit /b 2
)
if not exist "%JAVAC%" (
    echo course: "%JAVA%" is a Java runtime without a compiler ^(javac^). This course needs a JDK, not only a JRE. 1>&2
    exit /b 2
)

rem Rebuild when the jar is missing or older than any grader source or POM.
set "STALE="
if not exist "%COURSE_JAR%" set "STALE=1"
if not defined STALE (
    powershell -NoProfile -NonInteractive -Command "$j = (Get-Item -LiteralPath $env:COURSE_JAR).LastWriteTimeUtc; $n = @(Get-ChildItem -LiteralPath (Join-Path $env:COURSE_ROOT 'grader\src') -Recurse -File | Where-Object { $_.LastWriteTimeUtc -gt $j }).Count; foreach ($p in 'grader\pom.xml', 'pom.xml') { if ((Get-Item -LiteralPath (Join-Path $env:COURSE_ROOT $p)).LastWriteTimeUtc -gt $j) { $n++ } }; if ($n -gt 0) { exit 1 } else { exit 0 }"
    if errorlevel 1 set "STALE=1"
)
if defined STALE (
    echo Building the course command ^(only when it changed; the first time takes a minute^)... 1>&2
    pushd "%COURSE_ROOT%"
    call "%COURSE_ROOT%\mvnw.cmd" -q -B -pl grader -am package -DskipTests 1>&2
    if errorlevel 1 (
        popd
        echo course: building the course command failed ^(see the messages above^). Check your JDK and network, then try again. 1>&2
        exit /b 2
    )
    popd
    if not exist "%COURSE_JAR%" (
        echo course: the build finished but "%COURSE_JAR%" is missing. 1>&2
        exit /b 2
    )
    copy /b "%COURSE_JAR%"+,, "%COURSE_JAR%" >nul
)

rem Colour only where the console understands ANSI escapes for sure (Windows Terminal);
rem elsewhere the command decides from the console itself.
set "TTYOPT=-Dcourse.tty=false"
if defined WT_SESSION set "TTYOPT="

set "OPTS=%COURSE_JAVA_OPTS%"
if not defined COURSE_JAVA_OPTS (
    if /i not "%~1"=="selfcheck" set "OPTS=-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
)

"%JAVA%" %OPTS% "-Dcourse.kit=%COURSE_ROOT%" %TTYOPT% -jar "%COURSE_JAR%" %*
exit /b %ERRORLEVEL%
