// SPDX-License-Identifier: Apache-2.0
// Escaping for the markup formats (one tested file, as ninja's json.h and jsonnet's string_utils).
#include "report/escape.hpp"

namespace ghes_topology::report {

std::string escape_xml(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&apos;";
      break;
    case '\t':
    case '\n':
    case '\r':
      out += c;
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20)
        out += "\xEF\xBF\xBD"; // U+FFFD: XML 1.0 has no way to write these
      else
        out += c;
    }
  }
  return out;
}

std::string escape_html(std::string_view text)
{
  const std::string xml = escape_xml(text);
  std::string out;
  out.reserve(xml.size());
  constexpr std::string_view k_replacement = "\xEF\xBF\xBD";
  for (std::size_t i = 0; i < xml.size(); ++i) {
    const auto b = [&](std::size_t k) {
      return i + k < xml.size() ? static_cast<unsigned char>(xml[i + k]) : 0U;
    };
    if (b(0) == 0x7F) {
      out += k_replacement;
    } else if (b(0) == 0xC2 && b(1) >= 0x80 && b(1) <= 0x9F) { // C1 control
      out += k_replacement;
      i += 1;
    } else if (b(0) == 0xEF && ((b(1) == 0xB7 && b(2) >= 0x90 && b(2) <= 0xAF) ||
                                (b(1) == 0xBF && (b(2) == 0xBE || b(2) == 0xBF)))) { // U+FDD0.., U+FFFE/F
      out += k_replacement;
      i += 2;
    } else if (b(0) >= 0xF0 && b(0) <= 0xF4 && (b(1) & 0x0F) == 0x0F && b(2) == 0xBF &&
               (b(3) == 0xBE || b(3) == 0xBF)) { // U+1FFFE, U+1FFFF, ... U+10FFFF
      out += k_replacement;
      i += 3;
    } else {
      out += xml[i];
    }
  }
  return out;
}

std::string xml_chars(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
      out += "\xEF\xBF\xBD";
    else
      out += c;
  }
  return out;
}

std::string escape_markdown(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
    case '\\':
    case '`':
    case '*':
    case '_':
    case '[':
    case ']':
    case '<':
    case '>':
    case '|':
    case '#':
      out += '\\';
      out += c;
      break;
    case '\r':
      if (i + 1 < text.size() && text[i + 1] == '\n')
        break; // CR LF is one line break
      out += ' ';
      break;
    case '\n':
      out += ' ';
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::string escape_mermaid(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
    case '"':
      out += "#quot;";
      break;
    case '&':
      out += "#amp;";
      break;
    case '<':
      out += "#lt;";
      break;
    case '>':
      out += "#gt;";
      break;
    case '#':
    case '%':
    case '`':
    case '[':
    case ']':
    case '{':
    case '}':
    case '(':
    case ')':
    case '|':
    case ';':
      out += "#" + std::to_string(static_cast<int>(c)) + ";";
      break;
    default:
      out += static_cast<unsigned char>(c) < 0x20 || c == 0x7F ? ' ' : c;
    }
  }
  return out;
}

std::string escape_github_data(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}

std::string escape_github_property(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (const char c : escape_github_data(text)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

} // namespace ghes_topology::report
