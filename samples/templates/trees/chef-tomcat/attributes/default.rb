default['tomcat_mtls']['ssl_port'] = 8443
default['tomcat_mtls']['client_auth'] = 'required'
default['tomcat_mtls']['truststore'] = 'conf/clients.p12'
