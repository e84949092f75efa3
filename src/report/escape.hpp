// SPDX-License-Identifier: Apache-2.0
// Escaping of report text for the markup formats: XML/HTML, Markdown, GitHub workflow commands.
#pragma once

#include <string>
#include <string_view>

namespace ghes_topology::report {

// --- Interface ---

// `text` as XML 1.0 / HTML character data or attribute value: `&`, `<`, `>`, `"`, `'`
// become entities; control characters XML 1.0 forbids (all below U+0020 but tab, LF, CR)
// become U+FFFD. Other bytes, UTF-8 included, are kept.
std::string escape_xml(std::string_view text);

// `text` as HTML character data or attribute value: `escape_xml`, and also DEL, the C1
// controls (U+0080-U+009F) and the noncharacters (U+FDD0-U+FDEF, U+xxFFFE, U+xxFFFF), which
// HTML parsers report as errors, become U+FFFD. Input is UTF-8 (the loader checks it).
std::string escape_html(std::string_view text);

// `text` with the control characters XML 1.0 forbids (all below U+0020 but tab, LF, CR)
// replaced by U+FFFD, and nothing else changed: for an XML library that escapes markup
// itself but would write those as character references no parser accepts.
std::string xml_chars(std::string_view text);

// `text` as inline Markdown (a paragraph or a table cell): the characters that start
// markup (\ ` * _ [ ] < > | #) get a backslash; a line break becomes a space.
std::string escape_markdown(std::string_view text);

// `text` inside a quoted Mermaid label (`id["TEXT"]`, `-->|"TEXT"|`): the characters that
// end the label or start markup become Mermaid entity codes (`"` -> `#quot;`, `#` -> `#35;`,
// `<` -> `#lt;`, `>` -> `#gt;`, `&` -> `#amp;`, and `%` `` ` `` `[` `]` `{` `}` `(` `)` `|` `;` as
// `#NN;`), so that no label can end the code fence or the diagram; control characters
// (line breaks included) become a space.
std::string escape_mermaid(std::string_view text);

// `text` as the message of a GitHub workflow command (`::error file=...::MESSAGE`):
// `%` -> `%25`, CR -> `%0D`, LF -> `%0A`.
std::string escape_github_data(std::string_view text);

// `text` as a property value of a GitHub workflow command (`file=VALUE`): as
// `escape_github_data`, plus `:` -> `%3A` and `,` -> `%2C`.
std::string escape_github_property(std::string_view text);

} // namespace ghes_topology::report
