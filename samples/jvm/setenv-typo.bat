rem A typo in the switch's name: the JVM sets a property nobody reads.
rem expect: SL1101
set CATALINA_OPTS=%CATALINA_OPTS% -Djdk.tls.server.enableStatusRequestExtention=true
if defined JPDA_ADDRESS set "CATALINA_OPTS=%CATALINA_OPTS% -Djdk.tls.stapling.responseTimeout=2000"
if exist "%CATALINA_BASE%\conf\extra.bat" (
  rem expect: SL1106
  set "CATALINA_OPTS=%CATALINA_OPTS% -Djdk.tls.stapling.cacheSize=lots"
)
