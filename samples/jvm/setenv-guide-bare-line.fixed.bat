@echo off
rem The guide's line, written the way a properties file would set it:
rem cmd.exe runs it as a command.
rem expect: SL1104
set "CATALINA_OPTS=%CATALINA_OPTS% -Djdk.tls.server.enableStatusRequestExtension=true"
