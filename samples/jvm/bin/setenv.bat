@echo off
rem Tomcat on Windows: JVM options go into CATALINA_OPTS in bin\setenv.bat,
rem which catalina.bat calls.
set "CATALINA_OPTS=%CATALINA_OPTS% -Djdk.tls.server.enableStatusRequestExtension=true"
set JAVA_HOME=C:\Program Files\Java\jdk-17
