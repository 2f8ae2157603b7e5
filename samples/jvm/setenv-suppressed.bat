rem staplint disable=SL1104 -- a vendor script defines this command
jdk.tls.ocsp.enable=true
