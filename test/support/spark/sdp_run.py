"""`spark-pipelines` on a Spark Connect port of the caller's choosing, bound to 127.0.0.1 only.

Launched like bin/spark-pipelines, through `spark-class org.apache.spark.deploy.SparkPipelines`,
with this file in place of pyspark/pipelines/cli.py; it fixes two things and then runs that CLI:

- Port: the stock CLI's client always connects to 15002, so two pipeline runs on one machine (a
  test and a bench, two worktrees) collide. The server takes --conf spark.connect.grpc.binding.port;
  the client is pointed at the same port (env SDP_CONNECT_PORT).
- Lost --conf values: SparkSubmit hands the --conf values to the driver in groups of ten
  (PYSPARK_REMOTE_INIT_CONF_0, _1, …), and PySpark 4.1's _start_connect_server keeps only the last
  group, so past ten values some are dropped, the loopback binding among them (the server then
  listens on every interface). The groups are merged back into one here, and the run is refused
  unless the merged values bind Spark Connect to 127.0.0.1 and the requested port.
"""

import json
import os
import sys

from pyspark.pipelines import cli
from pyspark.sql.connect.client.core import DefaultChannelBuilder

PORT = int(os.environ["SDP_CONNECT_PORT"])


def merge_init_conf() -> dict:
    count = int(os.environ.get("PYSPARK_REMOTE_INIT_CONF_LEN", "0"))
    merged: dict = {}
    for i in range(count):
        merged.update(json.loads(os.environ.pop(f"PYSPARK_REMOTE_INIT_CONF_{i}")))
    os.environ["PYSPARK_REMOTE_INIT_CONF_LEN"] = "1"
    os.environ["PYSPARK_REMOTE_INIT_CONF_0"] = json.dumps(merged)
    return merged


if __name__ == "__main__":
    conf = merge_init_conf()
    if conf.get("spark.connect.grpc.binding.address") != "127.0.0.1" or conf.get("spark.connect.grpc.binding.port") != str(PORT):
        sys.exit(f"sdp_run: refusing to start Spark Connect other than on 127.0.0.1:{PORT} (got {conf!r})")
    DefaultChannelBuilder.default_port = staticmethod(lambda: PORT)
    cli.main()
