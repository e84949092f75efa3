// SPDX-License-Identifier: Apache-2.0
// Reading an input file (or stdin) safely: bounded size, no directories, UTF-8 only.
#include "ghes_topology/loader/source_reader.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <istream>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ghes_topology::loader {
namespace {

constexpr std::size_t k_chunk = 64 * 1024;
// Past the expected size of a regular file (one that grows while it is read).
constexpr std::size_t k_small_chunk = 4 * 1024;

// "4 MiB" for whole mebibytes, otherwise a byte count.
std::string describe_size(std::size_t bytes)
{
  constexpr std::size_t mib = 1024 * 1024;
  if (bytes >= mib && bytes % mib == 0)
    return fmt::format("{} MiB", bytes / mib);
  if (bytes >= 1024 && bytes % 1024 == 0)
    return fmt::format("{} KiB", bytes / 1024);
  return fmt::format("{} bytes", bytes);
}

void report_too_large(const std::string& name, const Limits& limits, diag::DiagnosticBag& bag)
{
  auto& d = bag.error("file-too-large",
                      fmt::format("input is larger than the {} limit", describe_size(limits.max_bytes)),
                      diag::Location{name});
  d.expected = fmt::format("at most {} bytes", limits.max_bytes);
  d.found = fmt::format("more than {} bytes", limits.max_bytes);
}

// The kind of a file that cannot be read as text, or nullptr for readable kinds.
const char* unreadable_kind(mode_t mode)
{
  if (S_ISDIR(mode))
    return "a directory";
  if (S_ISSOCK(mode))
    return "a socket";
  if (S_ISBLK(mode))
    return "a block device";
  if (S_ISREG(mode) || S_ISFIFO(mode) || S_ISCHR(mode))
    return nullptr;
  return "not a regular file";
}

// Reads at most `limit` bytes from `fd` into `out`; false (errno set) on a read error.
// `expected` is the file's size when known (a regular file), 0 otherwise: the text is read
// straight into `out`, in one read of that size and one more that finds the end, so a short
// file costs no separate buffer.
bool read_bounded(int fd, std::size_t limit, std::size_t expected, std::string& out)
{
  if (expected > 0)
    out.reserve(std::min(limit, expected + 1 + k_small_chunk)); // the end is found without growing
  while (out.size() < limit) {
    const std::size_t have = out.size();
    const std::size_t chunk =
        expected > have ? expected - have + 1 : (expected > 0 ? k_small_chunk : k_chunk);
    const std::size_t want = std::min(chunk, limit - have);
    out.resize(have + want);
    const ssize_t n = ::read(fd, out.data() + have, want);
    out.resize(have + static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    if (n == 0)
      break;
  }
  return true;
}

void read_stream_bounded(std::istream& in, std::size_t limit, std::string& out)
{
  const auto buffer = std::make_unique_for_overwrite<char[]>(k_chunk);
  while (out.size() < limit && in) {
    const std::size_t want = std::min(k_chunk, limit - out.size());
    in.read(buffer.get(), static_cast<std::streamsize>(want));
    const auto n = in.gcount();
    if (n <= 0)
      break;
    out.append(buffer.get(), static_cast<std::size_t>(n));
  }
}

// 1-based line and byte column of `offset` in `text`.
std::pair<int, int> line_column(const std::string& text, std::size_t offset)
{
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, static_cast<int>(offset - line_start) + 1};
}

// Length of the valid UTF-8 sequence starting at `i`, or 0 when it is invalid
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::size_t utf8_sequence_length(const std::string& text, std::size_t i)
{
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80)
    return 1;
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    if (c == 0xE0)
      low = 0xA0;
    else if (c == 0xED)
      high = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    if (c == 0xF0)
      low = 0x90;
    else if (c == 0xF4)
      high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size())
    return 0;
  const unsigned char second = byte(i + 1);
  if (second < low || second > high)
    return 0;
  for (std::size_t k = 2; k < length; ++k)
    if ((byte(i + k) & 0xC0) != 0x80)
      return 0;
  return length;
}

// The encoding named by a UTF-16 or UTF-32 byte order mark at the start of `text`, or nullptr.
const char* utf16_or_32_bom(const std::string& text)
{
  if (text.rfind(std::string("\xFF\xFE\0\0", 4), 0) == 0)
    return "UTF-32LE";
  if (text.rfind(std::string("\0\0\xFE\xFF", 4), 0) == 0)
    return "UTF-32BE";
  if (text.rfind("\xFF\xFE", 0) == 0)
    return "UTF-16LE";
  if (text.rfind("\xFE\xFF", 0) == 0)
    return "UTF-16BE";
  return nullptr;
}

// Reports a UTF-16/32 byte order mark, NUL bytes, invalid UTF-8 and carriage returns
// that end lines on their own; true when the text is clean.
bool check_text(const std::string& name, const std::string& text, diag::DiagnosticBag& bag)
{
  if (const char* encoding = utf16_or_32_bom(text)) {
    auto& d =
        bag.error("wrong-encoding",
                  fmt::format("input is {} text (it starts with a {} byte order mark); save it as UTF-8",
                              encoding, encoding),
                  diag::point(name, 1, 1));
    d.expected = "UTF-8 text";
    d.found = fmt::format("a {} byte order mark", encoding);
    return false;
  }
  const auto nul = text.find('\0');
  if (nul != std::string::npos) {
    const auto [line, column] = line_column(text, nul);
    auto& d = bag.error("binary-input", "input looks like a binary file (it contains a NUL byte)",
                        diag::point(name, line, column));
    d.expected = "a YAML text file";
    d.found = "a NUL byte (0x00)";
    return false;
  }
  for (std::size_t i = 0; i < text.size();) {
#if defined(__SSE2__)
    // Sixteen ASCII bytes (no high bit set) at once: most of any YAML file.
    if (i + 16 <= text.size() &&
        _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i))) == 0) {
      i += 16;
      continue;
    }
#endif
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      const auto [line, column] = line_column(text, i);
      auto& d = bag.error("invalid-utf8", "input is not valid UTF-8", diag::point(name, line, column));
      d.expected = "UTF-8 text";
      d.found = fmt::format("byte 0x{:02X}", static_cast<unsigned char>(text[i]));
      return false;
    }
    i += length;
  }
  // YAML would read a lone CR as a line break, but every location we print counts
  // LF-separated lines, so CR-only (classic Mac OS) files are refused by name.
  for (std::size_t cr = text.find('\r'); cr != std::string::npos; cr = text.find('\r', cr + 1)) {
    if (cr + 1 < text.size() && text[cr + 1] == '\n')
      continue;
    const auto [line, column] = line_column(text, cr);
    auto& d = bag.error("cr-line-endings",
                        "input has a line ending with a lone carriage return (CR); convert the file to LF or "
                        "CRLF line endings",
                        diag::point(name, line, column));
    d.expected = "LF or CRLF line endings";
    d.found = "a CR (0x0D) not followed by LF";
    return false;
  }
  return true;
}

} // namespace

std::optional<SourceInput> read_source(const std::string& path, std::istream& stdin_stream,
                                       diag::DiagnosticBag& bag, const Limits& limits)
{
  SourceInput input;
  const std::size_t bound = limits.max_bytes + 1; // one byte more tells "too large"
  if (path == "-") {
    input.name = "<stdin>";
    read_stream_bounded(stdin_stream, bound, input.text);
    if (stdin_stream.bad()) {
      bag.error("file-unreadable", "cannot read standard input", diag::Location{input.name});
      return std::nullopt;
    }
  } else {
    input.name = path;
    struct stat st
    {};
    if (::stat(path.c_str(), &st) != 0) {
      bag.error("file-unreadable", fmt::format("cannot open '{}': {}", path, std::strerror(errno)),
                diag::Location{path});
      return std::nullopt;
    }
    if (const char* kind = unreadable_kind(st.st_mode)) {
      auto& d = bag.error("not-regular-file", fmt::format("'{}' is {}, not a file to read", path, kind),
                          diag::Location{path});
      d.expected = "a regular file, a pipe, or - for standard input";
      d.found = kind;
      return std::nullopt;
    }
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      bag.error("file-unreadable", fmt::format("cannot open '{}': {}", path, std::strerror(errno)),
                diag::Location{path});
      return std::nullopt;
    }
    const bool ok =
        read_bounded(fd, bound, S_ISREG(st.st_mode) ? static_cast<std::size_t>(st.st_size) : 0, input.text);
    const int read_errno = errno;
    ::close(fd);
    if (!ok) {
      bag.error("file-unreadable", fmt::format("cannot read '{}': {}", path, std::strerror(read_errno)),
                diag::Location{path});
      return std::nullopt;
    }
  }
  if (input.text.size() > limits.max_bytes) {
    report_too_large(input.name, limits, bag);
    return std::nullopt;
  }
  if (input.text.rfind("\xEF\xBB\xBF", 0) == 0)
    input.text.erase(0, 3);
  if (!check_text(input.name, input.text, bag))
    return std::nullopt;
  return input;
}

} // namespace ghes_topology::loader
