// SPDX-License-Identifier: Apache-2.0
// The HTML report's topology diagram: an `advice::Diagram` laid out on an integer grid
// (sites as boxes in rows of three, their nodes stacked inside, the load balancer above,
// links as straight lines labelled with their latency, a legend of the roles drawn), and
// written as inline SVG through the template src/report/html_diagram.mustache.
#pragma once

#include "ghes_topology/advice/diagram.hpp"
#include "ghes_topology/engine/rule.hpp"

#include <string>
#include <vector>

namespace ghes_topology::report {

// --- Interface ---

// A finding marked on the element (node or link id) it concerns.
struct DiagramBadge
{
  std::string element; // advice::element_for of the finding's key path
  engine::Severity severity = engine::Severity::info;
  std::string rule_id;
  std::string target; // the finding's anchor in the document ("file-1-finding-3"), for a link
};

struct SvgBox
{
  int x = 0;
  int y = 0;
  int width = 0;
  int height = 0;
};

struct SvgBadgePlace
{
  const DiagramBadge* badge = nullptr;
  SvgBox box;
};

struct SvgSitePlace
{
  const advice::DiagramSite* site = nullptr;
  SvgBox box;
  std::string label; // "ham-dc1 (region europe)", "datacenter not given"
};

struct SvgNodePlace
{
  const advice::DiagramNode* node = nullptr;
  SvgBox box;
  std::vector<SvgBadgePlace> badges; // under the node's text, inside its box
};

struct SvgLinkPlace
{
  const advice::DiagramLink* link = nullptr;
  int x1 = 0, y1 = 0, x2 = 0, y2 = 0; // centre to centre
  SvgBox label;                       // the latency label, centred on the line's middle
  std::vector<SvgBadgePlace> badges;  // under the label
};

struct SvgLegendPlace
{
  advice::NodeRole role = advice::NodeRole::primary;
  SvgBox swatch;
};

struct SvgLayout
{
  int width = 0;
  int height = 0;
  std::vector<SvgSitePlace> sites;
  std::vector<SvgNodePlace> nodes;    // in the diagram's order; nodes of unknown sites are left out
  std::vector<SvgLinkPlace> links;    // in the diagram's order; links to nodes not drawn are left out
  std::vector<SvgLegendPlace> legend; // one per role drawn, in role order
};

// The positions of every element of `diagram`, with `badges` on the nodes and links they
// name (badges naming no drawn element are left out). Deterministic, in integer pixels;
// `diagram` and `badges` must outlive the result.
SvgLayout layout_diagram(const advice::Diagram& diagram, const std::vector<DiagramBadge>& badges);

// The fill colour of `role` (`#rrggbb`).
const char* role_colour(advice::NodeRole role);

// The inline `<svg>` of `layout`; `id_prefix` ("file-1") keeps its element ids unique in the
// document; `caption` is its accessible title. Every text is escaped.
std::string render_diagram_svg(const SvgLayout& layout, const std::string& id_prefix,
                               const std::string& caption);

} // namespace ghes_topology::report
