@echo off
if 1==1 (
if 1==1 (
set "CATALINA_OPTS=%CATALINA_OPTS% %CATALINA_OPTS%"
)
)
