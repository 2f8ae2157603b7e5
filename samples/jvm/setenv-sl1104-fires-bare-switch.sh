#!/bin/sh
# The stapling switch written as a properties line: the shell runs it as a
# command (not found), and the JVM never sees it.
# expect: SL1104
jdk.tls.server.enableStatusRequestExtension=true
