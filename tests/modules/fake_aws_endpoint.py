#!/usr/bin/env python3
"""A loopback stand-in for the two AWS APIs an offline plan of the modules
calls: Secrets Manager GetSecretValue and SSM GetParameter (the ephemeral
resources that read the database master password).

The test points the provider's `endpoints` at it, so the production code path
really runs: the secret is fetched during plan, and the test then proves the
value never reaches the plan. A Secrets Manager secret whose id ends in
"-json" is served as {"username": ..., "password": VALUE}. Every request is appended to --log as one JSON
line ({"target": ..., "body": ...}).

Usage: fake_aws_endpoint.py --secret VALUE --port-file FILE --log FILE
Prints nothing; writes the chosen port to --port-file once listening.
"""

import argparse
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

ACCOUNT = "111122223333"
REGION = "ap-southeast-2"


def secrets_manager_get_secret_value(body, secret):
    secret_id = body.get("SecretId", "")
    # Secrets named "...-json" hold a JSON object, like an RDS-style
    # {"username": ..., "password": ...} secret.
    if secret_id.endswith("-json"):
        secret = json.dumps({"username": "ivcapadmin", "password": secret})
    arn = secret_id if secret_id.startswith("arn:") else (
        f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:{secret_id}-AbCdEf")
    return {
        "ARN": arn,
        "Name": secret_id.split(":secret:")[-1],
        "SecretString": secret,
        "VersionId": "00000000-0000-0000-0000-000000000001",
        "VersionStages": ["AWSCURRENT"],
        "CreatedDate": 1700000000,
    }


def ssm_get_parameter(body, secret):
    name = body.get("Name", "")
    return {
        "Parameter": {
            "Name": name,
            "Type": "SecureString",
            "Value": secret,
            "Version": 1,
            "ARN": name if name.startswith("arn:") else f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter{name}",
            "DataType": "text",
        }
    }


HANDLERS = {
    "secretsmanager.GetSecretValue": secrets_manager_get_secret_value,
    "AmazonSSM.GetParameter": ssm_get_parameter,
}


def make_handler(secret, log_path):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            raw = self.rfile.read(length)
            target = self.headers.get("X-Amz-Target", "")
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                body = {}
            with open(log_path, "a", encoding="utf-8") as log:
                log.write(json.dumps({"target": target, "body": body}) + "\n")

            handler = HANDLERS.get(target)
            if handler is None:
                status, payload = 400, {"__type": "UnknownOperationException",
                                        "message": f"fake endpoint does not implement {target}"}
            else:
                status, payload = 200, handler(body, secret)
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/x-amz-json-1.1")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--secret", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--log", required=True)
    args = parser.parse_args()

    server = HTTPServer(("127.0.0.1", 0), make_handler(args.secret, args.log))
    tmp = args.port_file + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(str(server.server_port))
    os.replace(tmp, args.port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
