// SPDX-License-Identifier: Apache-2.0
// The topology diagram as SVG: a grid layout in integer pixels, written by a template.
#include "report/svg_diagram.hpp"

#include "report/html_templates.hpp"
#include "report/vocabulary.hpp"

#include <algorithm>
#include <map>

namespace ghes_topology::report {
namespace {

using kainjow::mustache::data;

constexpr int k_margin = 16;
constexpr int k_site_width = 270;
constexpr int k_site_gap = 40;
constexpr int k_site_header = 30;
constexpr int k_node_width = 230;
constexpr int k_node_gap = 28; // room for a link label between stacked nodes
constexpr int k_line = 16;     // one line of node text
constexpr int k_badge = 20;    // one badge row
constexpr int k_columns = 3;   // sites per row
constexpr int k_char = 7;      // average width of a 12 px character
constexpr int k_legend_row = 24;
constexpr std::size_t k_max_chars = 30; // longer texts are cut (the full text is in <title>)

// `text` cut to `max` code points (the last one an ellipsis), never inside a UTF-8 character.
std::string cut(const std::string& text, std::size_t max = k_max_chars)
{
  std::size_t points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++points > max - 1) {
      std::size_t rest = 0; // code points from here on
      for (std::size_t j = i; j < text.size(); ++j)
        rest += (static_cast<unsigned char>(text[j]) & 0xC0) != 0x80 ? 1U : 0U;
      return rest <= 1 ? text : text.substr(0, i) + "\u2026";
    }
  }
  return text;
}

int node_height(const advice::DiagramNode& node, std::size_t badges)
{
  return 10 + k_line * static_cast<int>(1 + node.detail.size()) + 6 + k_badge * static_cast<int>(badges);
}

std::string severity_word_of(engine::Severity severity)
{
  return severity_word(severity);
}

} // namespace

const char* role_colour(advice::NodeRole role)
{
  switch (role) {
  case advice::NodeRole::primary:
    return "#dafbe1";
  case advice::NodeRole::passive_replica:
    return "#ddf4ff";
  case advice::NodeRole::active_replica:
    return "#fbefff";
  case advice::NodeRole::repository_cache:
    return "#fff8c5";
  case advice::NodeRole::cluster_node:
    return "#d1f0d8";
  case advice::NodeRole::replica_cluster_node:
    return "#cce4fa";
  case advice::NodeRole::load_balancer:
    return "#eaeef2";
  case advice::NodeRole::backup_host:
    return "#ffebe9";
  }
  return "#eaeef2";
}

SvgLayout layout_diagram(const advice::Diagram& diagram, const std::vector<DiagramBadge>& badges)
{
  SvgLayout out;
  std::map<std::string, std::vector<const DiagramBadge*>> badges_of;
  for (const auto& b : badges)
    badges_of[b.element].push_back(&b);
  const auto badges_for = [&](const std::string& id) {
    const auto it = badges_of.find(id);
    return it == badges_of.end() ? std::vector<const DiagramBadge*>{} : it->second;
  };

  // Nodes without a site (the load balancer) in a band at the top, side by side.
  int y = k_margin;
  int band_height = 0;
  int x = k_margin;
  std::map<std::string, std::size_t> placed; // node id -> index in out.nodes
  for (const auto& n : diagram.nodes) {
    if (!n.site.empty())
      continue;
    SvgNodePlace p{&n, {x, y, k_node_width, node_height(n, badges_for(n.id).size())}, {}};
    band_height = std::max(band_height, p.box.height);
    x += k_node_width + k_site_gap;
    placed[n.id] = out.nodes.size();
    out.nodes.push_back(p);
  }
  if (band_height > 0)
    y += band_height + k_site_gap;

  // Sites in rows of `k_columns`; each as tall as its nodes; a row as tall as its tallest site.
  std::size_t column = 0;
  int row_height = 0;
  for (const auto& site : diagram.sites) {
    const int sx = k_margin + static_cast<int>(column) * (k_site_width + k_site_gap);
    int ny = y + k_site_header;
    for (const auto& n : diagram.nodes) {
      if (n.site != site.id)
        continue;
      SvgNodePlace p{
          &n,
          {sx + (k_site_width - k_node_width) / 2, ny, k_node_width, node_height(n, badges_for(n.id).size())},
          {}};
      ny += p.box.height + k_node_gap;
      placed[n.id] = out.nodes.size();
      out.nodes.push_back(p);
    }
    std::string label = site.datacenter.empty() ? "datacenter not given" : site.datacenter;
    if (!site.region.empty())
      label += " (" + site.region + ")";
    SvgSitePlace s{&site, {sx, y, k_site_width, std::max(ny - y, k_site_header + 20)}, label};
    row_height = std::max(row_height, s.box.height);
    out.sites.push_back(s);
    if (++column == k_columns) {
      column = 0;
      y += row_height + k_site_gap;
      row_height = 0;
    }
  }
  if (column > 0)
    y += row_height + k_site_gap;

  // Badges inside their node, under its text.
  for (auto& p : out.nodes) {
    int by = p.box.y + 10 + k_line * static_cast<int>(1 + p.node->detail.size()) + 4;
    for (const DiagramBadge* b : badges_for(p.node->id)) {
      p.badges.push_back({b, {p.box.x + 8, by, p.box.width - 16, k_badge - 4}});
      by += k_badge;
    }
  }

  // Links centre to centre, the label on the middle.
  for (const auto& l : diagram.links) {
    const auto from = placed.find(l.from);
    const auto to = placed.find(l.to);
    if (from == placed.end() || to == placed.end())
      continue;
    const SvgBox& a = out.nodes[from->second].box;
    const SvgBox& b = out.nodes[to->second].box;
    SvgLinkPlace p;
    p.link = &l;
    p.x1 = a.x + a.width / 2;
    p.y1 = a.y + a.height / 2;
    p.x2 = b.x + b.width / 2;
    p.y2 = b.y + b.height / 2;
    const int label_width = static_cast<int>(cut(l.label).size()) * k_char + 12;
    const int mx = (p.x1 + p.x2) / 2;
    const int my = (p.y1 + p.y2) / 2;
    p.label = {mx - label_width / 2, my - 10, label_width, 20};
    int by = my + 12;
    for (const DiagramBadge* badge : badges_for(l.id)) {
      const int w =
          static_cast<int>(badge->rule_id.size() + severity_word_of(badge->severity).size() + 1) * k_char +
          12;
      p.badges.push_back({badge, {mx - w / 2, by, w, k_badge - 4}});
      by += k_badge;
    }
    out.links.push_back(p);
  }

  // The legend: one swatch per role drawn, in role order.
  std::vector<advice::NodeRole> roles;
  for (const auto& p : out.nodes)
    roles.push_back(p.node->role);
  std::sort(roles.begin(), roles.end());
  roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
  int lx = k_margin;
  for (const auto role : roles) {
    out.legend.push_back({role, {lx, y, 14, 14}});
    lx += 14 + 8 + static_cast<int>(to_string(role).size()) * k_char + 20;
  }
  out.height = y + (roles.empty() ? 0 : k_legend_row) + k_margin;
  int right = lx;
  for (const auto& s : out.sites)
    right = std::max(right, s.box.x + s.box.width);
  for (const auto& n : out.nodes)
    right = std::max(right, n.box.x + n.box.width);
  for (const auto& l : out.links)
    right = std::max(right, l.label.x + l.label.width);
  out.width = right + k_margin;
  return out;
}

std::string render_diagram_svg(const SvgLayout& layout, const std::string& id_prefix,
                               const std::string& caption)
{
  const auto box = [](data& d, const SvgBox& b) {
    d.set("x", std::to_string(b.x));
    d.set("y", std::to_string(b.y));
    d.set("w", std::to_string(b.width));
    d.set("h", std::to_string(b.height));
    d.set("cx", std::to_string(b.x + b.width / 2));
    d.set("ty", std::to_string(b.y + b.height / 2 + 4));
  };
  const auto badge_list = [&](const std::vector<SvgBadgePlace>& places) {
    data list{data::type::list};
    for (const auto& p : places) {
      data d;
      box(d, p.box);
      d.set("severity", severity_word(p.badge->severity));
      d.set("rule_id", p.badge->rule_id);
      const std::string text = severity_word(p.badge->severity) + " " + p.badge->rule_id;
      d.set("text", cut(text, static_cast<std::size_t>(std::max(4, (p.box.width - 12) / 6))));
      d.set("full", text);
      d.set("tx", std::to_string(p.box.x + 6));
      d.set("target", p.badge->target);
      list.push_back(d);
    }
    return list;
  };
  data values;
  values.set("id", id_prefix + "-diagram");
  values.set("caption", caption);
  values.set("width", std::to_string(layout.width));
  values.set("height", std::to_string(layout.height));
  values.set("node_count", std::to_string(layout.nodes.size()));
  values.set("link_count", std::to_string(layout.links.size()));
  data sites{data::type::list};
  for (const auto& s : layout.sites) {
    data d;
    box(d, s.box);
    d.set("id", id_prefix + "-" + s.site->id);
    d.set("label", cut(s.label));
    d.set("full_label", s.label);
    d.set("lx", std::to_string(s.box.x + 10));
    d.set("ly", std::to_string(s.box.y + 20));
    sites.push_back(d);
  }
  values.set("sites", sites);
  data nodes{data::type::list};
  for (const auto& n : layout.nodes) {
    data d;
    box(d, n.box);
    d.set("id", id_prefix + "-" + n.node->id);
    d.set("role", std::string(to_string(n.node->role)));
    d.set("colour", role_colour(n.node->role));
    d.set("proposed", data{n.node->proposed});
    std::string title = n.node->name + " (" + std::string(to_string(n.node->role)) + ")";
    for (const auto& line : n.node->detail)
      title += "; " + line;
    if (n.node->proposed)
      title += "; proposed";
    d.set("title", title);
    data lines{data::type::list};
    int ly = n.box.y + 10 + 12;
    data name;
    name.set("text", cut(n.node->name));
    name.set("x", std::to_string(n.box.x + 10));
    name.set("y", std::to_string(ly));
    name.set("bold", data{true});
    lines.push_back(name);
    for (const auto& detail : n.node->detail) {
      ly += k_line;
      data line;
      line.set("text", cut(detail));
      line.set("x", std::to_string(n.box.x + 10));
      line.set("y", std::to_string(ly));
      line.set("bold", data{false});
      lines.push_back(line);
    }
    d.set("lines", lines);
    d.set("badges", badge_list(n.badges));
    nodes.push_back(d);
  }
  values.set("nodes", nodes);
  data links{data::type::list};
  for (const auto& l : layout.links) {
    data d;
    d.set("id", id_prefix + "-" + l.link->id);
    d.set("kind", std::string(to_string(l.link->kind)));
    d.set("backup", data{l.link->kind == advice::LinkKind::backup});
    d.set("x1", std::to_string(l.x1));
    d.set("y1", std::to_string(l.y1));
    d.set("x2", std::to_string(l.x2));
    d.set("y2", std::to_string(l.y2));
    data label;
    box(label, l.label);
    label.set("text", cut(l.link->label));
    label.set("full", l.link->label);
    d.set("label", label);
    d.set("badges", badge_list(l.badges));
    links.push_back(d);
  }
  values.set("links", links);
  data legend{data::type::list};
  for (const auto& e : layout.legend) {
    data d;
    box(d, e.swatch);
    d.set("role", std::string(to_string(e.role)));
    d.set("colour", role_colour(e.role));
    d.set("tx", std::to_string(e.swatch.x + 20));
    d.set("ty", std::to_string(e.swatch.y + 12));
    legend.push_back(d);
  }
  values.set("legend", legend);
  return render_template("html_diagram", values);
}

} // namespace ghes_topology::report
