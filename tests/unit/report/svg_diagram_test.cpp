// SPDX-License-Identifier: Apache-2.0
// The HTML report's diagram layout (report/svg_diagram) on hand-built diagrams: positions on
// the integer grid, badges on the elements they name, and the SVG written from the layout.
#include "report/svg_diagram.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace ghes_topology;
using namespace ghes_topology::report;
using advice::NodeRole;

namespace {

advice::Diagram two_sites()
{
  advice::Diagram d;
  d.planned = true;
  d.sites = {{"site-1", "ham-dc1", ""}, {"site-2", "sin-dc1", "singapore"}};
  d.nodes = {
      {"primary", NodeRole::primary, "Primary", "site-1", {"40 vCPU, 256 GB"}, "primary", false},
      {"replica-1", NodeRole::passive_replica, "ghe-<b>&\"ham\"", "site-1", {}, "plan.replicas[0]", false},
      {"replica-2",
       NodeRole::active_replica,
       "ghe-replica-sin",
       "site-2",
       {"16 vCPU"},
       "plan.replicas[1]",
       true},
      {"lb", NodeRole::load_balancer, "Load balancer", "", {}, "network.load_balancer", false},
  };
  d.links = {
      {"link-1", "primary", "replica-1", advice::LinkKind::replication, "0.5 ms",
       "plan.replicas[0].latency_ms"},
      {"link-2", "primary", "replica-2", advice::LinkKind::replication, "180 ms",
       "plan.replicas[1].latency_ms"},
      {"link-3", "primary", "nowhere", advice::LinkKind::backup, "every 60 min", ""},
  };
  return d;
}

std::size_t count(const std::string& text, const std::string& what)
{
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

} // namespace

TEST_CASE("svg diagram: the load balancer above, sites in a row, nodes stacked inside", "[report][svg]")
{
  const advice::Diagram d = two_sites();
  const SvgLayout layout = layout_diagram(d, {});
  REQUIRE(layout.nodes.size() == 4);
  // The node without a site first, in the top band.
  CHECK(layout.nodes[0].node->id == "lb");
  CHECK(layout.nodes[0].box.x == 16);
  CHECK(layout.nodes[0].box.y == 16);
  CHECK(layout.nodes[0].box.height == 32); // 10 + one line of 16 + 6
  // Sites below the band (16 + 32 + 40), side by side 270 + 40 apart.
  REQUIRE(layout.sites.size() == 2);
  CHECK(layout.sites[0].box.x == 16);
  CHECK(layout.sites[0].box.y == 88);
  CHECK(layout.sites[1].box.x == 326);
  CHECK(layout.sites[1].label == "sin-dc1 (singapore)");
  // Nodes stacked in their site under its 30 px header, 28 px apart.
  CHECK(layout.nodes[1].node->id == "primary");
  CHECK(layout.nodes[1].box.x == 36);
  CHECK(layout.nodes[1].box.y == 118);
  CHECK(layout.nodes[1].box.height == 48);
  CHECK(layout.nodes[2].box.y == 118 + 48 + 28);
  // The link to a node not drawn is left out; labels sit on the middle of the line.
  REQUIRE(layout.links.size() == 2);
  CHECK(layout.links[0].x1 == 36 + 115);
  CHECK(layout.links[0].y1 == 118 + 24);
  CHECK(layout.links[0].label.y == (layout.links[0].y1 + layout.links[0].y2) / 2 - 10);
  // One legend entry per role drawn, in role order.
  REQUIRE(layout.legend.size() == 4);
  CHECK(layout.legend[0].role == NodeRole::primary);
  CHECK(layout.legend[3].role == NodeRole::load_balancer);
  CHECK(layout.width == 326 + 270 + 16);
  // Deterministic: the same diagram gives the same picture.
  CHECK(render_diagram_svg(layout, "file-1", "Planned") ==
        render_diagram_svg(layout_diagram(d, {}), "file-1", "Planned"));
}

TEST_CASE("svg diagram: badges go on the node or link they name and make nodes taller", "[report][svg]")
{
  const advice::Diagram d = two_sites();
  const std::vector<DiagramBadge> badges = {
      {"replica-2", engine::Severity::warning, "hardware-replica-smaller-than-primary", "file-1-finding-2"},
      {"link-2", engine::Severity::error, "geography-active-replica-latency", "file-1-finding-1"},
      {"", engine::Severity::info, "monitoring-no-alerts", "file-1-finding-3"},
  };
  const SvgLayout layout = layout_diagram(d, badges);
  CHECK(layout.nodes[3].node->id == "replica-2");
  REQUIRE(layout.nodes[3].badges.size() == 1);
  CHECK(layout.nodes[3].box.height == 10 + 32 + 6 + 20);
  CHECK(layout.nodes[3].badges[0].box.y == layout.nodes[3].box.y + 10 + 32 + 4);
  REQUIRE(layout.links[1].badges.size() == 1);
  CHECK(layout.links[1].badges[0].badge->rule_id == "geography-active-replica-latency");
  CHECK(layout.links[0].badges.empty());
  const std::string svg = render_diagram_svg(layout, "file-1", "Planned topology of <x>");
  CHECK(count(svg, "<g class=\"badge ") == 2);
  CHECK(count(svg, "data-rule=\"geography-active-replica-latency\"") == 1);
  // The badge text is cut to the node's width; the whole text is its title.
  CHECK(svg.find("<title>warning hardware-replica-smaller-than-primary</title>") != std::string::npos);
  CHECK(svg.find(">warning hardware-replica-smaller\u2026</text>") != std::string::npos);
}

TEST_CASE("svg diagram: one node element with a title per node, one label per link, all escaped",
          "[report][svg]")
{
  const std::string svg =
      render_diagram_svg(layout_diagram(two_sites(), {}), "file-2", "Planned topology of <x>");
  CHECK(count(svg, "<g class=\"node ") == 4);
  CHECK(count(svg, "<g class=\"link-label\"") == 2);
  CHECK(svg.find("data-nodes=\"4\" data-links=\"2\"") != std::string::npos);
  CHECK(svg.find("<g class=\"node passive-replica\" "
                 "id=\"file-2-replica-1\"><title>ghe-&lt;b&gt;&amp;&quot;ham&quot; "
                 "(passive-replica)</title>") != std::string::npos);
  CHECK(svg.find("<g class=\"node active-replica proposed\" id=\"file-2-replica-2\">") != std::string::npos);
  CHECK(svg.find("<title id=\"file-2-diagram-title\">Planned topology of &lt;x&gt;</title>") !=
        std::string::npos);
  CHECK(svg.find("<b>") == std::string::npos);
}
