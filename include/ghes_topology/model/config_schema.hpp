// SPDX-License-Identifier: Apache-2.0
// The field table of the config file `.ghes-topology.yaml` (schema version 1).
#pragma once

#include "ghes_topology/model/schema.hpp"

namespace ghes_topology::model {

// --- Interface ---

// The schema of a config file. Built once; the same object feeds the loader,
// `ghes-topology schema --config` and docs/config.md.
const Schema& config_schema();

} // namespace ghes_topology::model
