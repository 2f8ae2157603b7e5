@echo off
rem Tomcat's catalina.bat, with one line a user added. Tomcat's own
rem JAVA_OPTS lines come back with every upgrade; the added one does not.
set "JAVA_OPTS=%JAVA_OPTS% %JSSE_OPTS%"
set "JAVA_OPTS=%JAVA_OPTS% --add-opens=java.base/java.lang=ALL-UNNAMED"
set "JAVA_OPTS=%JAVA_OPTS% --enable-native-access=ALL-UNNAMED"
rem expect: SL1105
set "JAVA_OPTS=%JAVA_OPTS% -Djdk.tls.server.enableStatusRequestExtension=true"
set CATALINA_OPTS=
