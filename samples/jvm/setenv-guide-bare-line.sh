#!/bin/sh
# The common guide's second recipe: a properties line in a shell script.
# expect: SL1104
jdk.tls.ocsp.enable=true
