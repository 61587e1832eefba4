-- wrk script: POST the documented ORDER_SETTLED example, as the platform would.
wrk.method = "POST"
wrk.body = '{"action":"ORDER_SETTLED","tenant":{"Id":7,"Uid":"7"},"store":{"Id":1,"Uid":"70"},"order":{"Id":7123,"Uid":"700"},"tenantUser":{"Id":7,"Uid":"9"}}'
wrk.headers["Content-Type"] = "application/json"
