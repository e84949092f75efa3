// SPDX-License-Identifier: Apache-2.0
// The environment file's field table (schema version 1).
#pragma once

#include "ghes_topology/model/schema.hpp"

namespace ghes_topology::model {

// --- Interface ---

// The schema of an environment file. Built once; the same object feeds the
// loader, `ghes-topology schema`, docs/environment.md and the rule checker.
const Schema& environment_schema();

// Cluster node roles: the service names of `cluster.conf` (`web-server`, ...).
const std::vector<std::string>& cluster_roles();

} // namespace ghes_topology::model
