@echo off
rem CATALINA_BASE\bin\setenv.bat of a Windows instance: catalina.bat calls it.
set "JAVA_HOME=C:\Program Files\Eclipse Adoptium\jdk-17"
set "CATALINA_OPTS=%CATALINA_OPTS% -Xmx2g"
