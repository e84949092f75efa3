// SPDX-License-Identifier: Apache-2.0
// Tests for reading input files: kinds of files, the size bound, binary and UTF-8 checks.
#include "ghes_topology/diag/render.hpp"
#include "ghes_topology/loader/source_reader.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace ghes_topology;

namespace {

struct TempDir
{
  fs::path path;
  TempDir()
  {
    std::string tmpl = (fs::temp_directory_path() / "ghes-topology-reader-XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] std::string write(const std::string& name, const std::string& content) const
  {
    const fs::path file = path / name;
    std::ofstream(file, std::ios::binary) << content;
    return file.string();
  }
};

struct Read
{
  std::optional<loader::SourceInput> input;
  std::string rendered;
};

Read read(const std::string& path, const std::string& stdin_text = {}, const loader::Limits& limits = {})
{
  std::istringstream in(stdin_text);
  diag::DiagnosticBag bag;
  Read result;
  result.input = loader::read_source(path, in, bag, limits);
  diag::SourceMap sources;
  result.rendered = diag::render_all(bag, sources);
  if (result.input)
    CHECK(bag.empty());
  return result;
}

} // namespace

TEST_CASE("loader: a regular file and stdin are read whole", "[loader][reader]")
{
  TempDir dir;
  const std::string path = dir.write("env.yaml", "version: 1\n");
  const Read file = read(path);
  REQUIRE(file.input);
  CHECK(file.input->name == path);
  CHECK(file.input->text == "version: 1\n");

  const Read in = read("-", "version: 1\nname: from stdin\n");
  REQUIRE(in.input);
  CHECK(in.input->name == "<stdin>");
  CHECK(in.input->text == "version: 1\nname: from stdin\n");
}

TEST_CASE("loader: a UTF-8 byte order mark is skipped", "[loader][reader]")
{
  const Read in = read("-", "\xEF\xBB\xBFversion: 1\n");
  REQUIRE(in.input);
  CHECK(in.input->text == "version: 1\n");
}

TEST_CASE("loader: a missing or unreadable file is reported with the reason", "[loader][reader]")
{
  TempDir dir;
  const std::string missing = (dir.path / "nope.yaml").string();
  CHECK(read(missing).rendered ==
        missing + ": error: cannot open '" + missing + "': No such file or directory [file-unreadable]\n");
  if (geteuid() != 0) { // root reads anything
    const std::string secret = dir.write("secret.yaml", "version: 1\n");
    fs::permissions(secret, fs::perms::none);
    CHECK(read(secret).rendered ==
          secret + ": error: cannot open '" + secret + "': Permission denied [file-unreadable]\n");
  }
}

TEST_CASE("loader: directories and sockets are not files to read", "[loader][reader]")
{
  TempDir dir;
  const std::string folder = dir.path.string();
  CHECK(read(folder).rendered == folder + ": error: '" + folder +
                                     "' is a directory, not a file to read [not-regular-file]\n"
                                     "     = expected: a regular file, a pipe, or - for standard input\n"
                                     "     = found: a directory\n");

  const std::string socket_path = (dir.path / "s").string();
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  socket_path.copy(address.sun_path, sizeof(address.sun_path) - 1);
  REQUIRE(::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0);
  CHECK(read(socket_path).rendered == socket_path + ": error: '" + socket_path +
                                          "' is a socket, not a file to read [not-regular-file]\n"
                                          "     = expected: a regular file, a pipe, or - for standard input\n"
                                          "     = found: a socket\n");
  ::close(fd);
}

TEST_CASE("loader: reading stops at the size limit, for files, devices and stdin",
          "[loader][reader][hostile]")
{
  const std::string too_large = ": error: input is larger than the 4 MiB limit [file-too-large]\n"
                                "     = expected: at most 4194304 bytes\n"
                                "     = found: more than 4194304 bytes\n";
  TempDir dir;
  const std::string big = dir.write("big.yaml", std::string(4 * 1024 * 1024 + 1, 'x'));
  CHECK(read(big).rendered == big + too_large);
  const std::string exact = dir.write("exact.yaml", std::string(4 * 1024 * 1024, 'x'));
  CHECK(read(exact).input.has_value());

  // /dev/zero never ends: the reader must stop at the bound, and quickly.
  const auto start = std::chrono::steady_clock::now();
  CHECK(read("/dev/zero").rendered == "/dev/zero" + too_large);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));

  CHECK(read("-", std::string(5 * 1024 * 1024, 'y')).rendered == "<stdin>" + too_large);

  loader::Limits small;
  small.max_bytes = 100;
  CHECK(read("-", std::string(101, 'y'), small).rendered ==
        "<stdin>: error: input is larger than the 100 bytes limit [file-too-large]\n"
        "     = expected: at most 100 bytes\n"
        "     = found: more than 100 bytes\n");
}

TEST_CASE("loader: a named pipe is read like a file, up to the limit", "[loader][reader]")
{
  TempDir dir;
  const std::string fifo = (dir.path / "pipe").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << "version: 1\n"; });
  const Read piped = read(fifo);
  writer.join();
  REQUIRE(piped.input);
  CHECK(piped.input->text == "version: 1\n");

  loader::Limits small;
  small.max_bytes = 1000;
  // The reader closes the pipe early; the writer must see EPIPE, not die of SIGPIPE.
  const auto previous = std::signal(SIGPIPE, SIG_IGN);
  std::thread flood([&] {
    std::ofstream out(fifo, std::ios::binary);
    const std::string chunk(4096, 'x');
    for (int i = 0; i < 4 && out; ++i) // more than the limit; the reader closes early
      out << chunk;
  });
  CHECK(read(fifo, {}, small).rendered == fifo + ": error: input is larger than the 1000 bytes limit "
                                                 "[file-too-large]\n"
                                                 "     = expected: at most 1000 bytes\n"
                                                 "     = found: more than 1000 bytes\n");
  flood.join();
  std::signal(SIGPIPE, previous);
}

TEST_CASE("loader: /dev/null is an empty input, not an error of the reader", "[loader][reader]")
{
  const Read null_device = read("/dev/null");
  REQUIRE(null_device.input);
  CHECK(null_device.input->text.empty());
}

TEST_CASE("loader: binary input is refused at its first NUL byte", "[loader][reader][hostile]")
{
  CHECK(read("-", std::string("version: 1\nname: a\0b\n", 21)).rendered ==
        "<stdin>:2:8: error: input looks like a binary file (it contains a NUL byte) [binary-input]\n"
        "     = expected: a YAML text file\n"
        "     = found: a NUL byte (0x00)\n");
  TempDir dir;
  std::string elf = "\x7f"
                    "ELF";
  elf += std::string(3, '\0');
  const std::string path = dir.write("a.out", elf);
  CHECK(read(path).rendered == path + ":1:5: error: input looks like a binary file (it contains a NUL byte) "
                                      "[binary-input]\n"
                                      "     = expected: a YAML text file\n"
                                      "     = found: a NUL byte (0x00)\n");
}

TEST_CASE("loader: invalid UTF-8 is reported at its first bad byte", "[loader][reader][hostile]")
{
  auto invalid_at = [](const std::string& text) { return read("-", text).rendered; };
  CHECK(invalid_at("version: 1\nname: caf\xE9\n") ==
        "<stdin>:2:10: error: input is not valid UTF-8 [invalid-utf8]\n"
        "     = expected: UTF-8 text\n"
        "     = found: byte 0xE9\n");
  // Overlong encoding of '/', a UTF-16 surrogate, a code point above U+10FFFF, a
  // truncated sequence at the end, a stray continuation byte.
  CHECK(invalid_at("a: \xC0\xAF") == "<stdin>:1:4: error: input is not valid UTF-8 [invalid-utf8]\n     = "
                                     "expected: UTF-8 text\n     = found: "
                                     "byte 0xC0\n");
  CHECK(invalid_at("a: \xED\xA0\x80") == "<stdin>:1:4: error: input is not valid UTF-8 [invalid-utf8]\n     "
                                         "= expected: UTF-8 text\n     = found: "
                                         "byte 0xED\n");
  CHECK(invalid_at("a: \xF4\x90\x80\x80") == "<stdin>:1:4: error: input is not valid UTF-8 [invalid-utf8]\n  "
                                             "   = expected: UTF-8 text\n     = found: "
                                             "byte 0xF4\n");
  CHECK(invalid_at("a: b\xE2\x82") == "<stdin>:1:5: error: input is not valid UTF-8 [invalid-utf8]\n     = "
                                      "expected: UTF-8 text\n     = found: "
                                      "byte 0xE2\n");
  CHECK(invalid_at("\x80") == "<stdin>:1:1: error: input is not valid UTF-8 [invalid-utf8]\n     = expected: "
                              "UTF-8 text\n     = found: "
                              "byte 0x80\n");
  // Valid multi-byte text passes: é, €, 𝄞.
  CHECK(read("-", "name: caf\xC3\xA9 \xE2\x82\xAC \xF0\x9D\x84\x9E\n").input.has_value());
}

TEST_CASE("loader: UTF-16 and UTF-32 input is named by its byte order mark", "[loader][reader][hostile]")
{
  CHECK(read("-", std::string("\xFF\xFEv\0e\0r\0", 8)).rendered ==
        "<stdin>:1:1: error: input is UTF-16LE text (it starts with a UTF-16LE byte order mark); save it as "
        "UTF-8 [wrong-encoding]\n"
        "     = expected: UTF-8 text\n"
        "     = found: a UTF-16LE byte order mark\n");
  CHECK(read("-", std::string("\xFE\xFF\0v\0e", 6)).rendered ==
        "<stdin>:1:1: error: input is UTF-16BE text (it starts with a UTF-16BE byte order mark); save it as "
        "UTF-8 [wrong-encoding]\n"
        "     = expected: UTF-8 text\n"
        "     = found: a UTF-16BE byte order mark\n");
  CHECK(read("-", std::string("\xFF\xFE\0\0v\0\0\0", 8)).rendered ==
        "<stdin>:1:1: error: input is UTF-32LE text (it starts with a UTF-32LE byte order mark); save it as "
        "UTF-8 [wrong-encoding]\n"
        "     = expected: UTF-8 text\n"
        "     = found: a UTF-32LE byte order mark\n");
}

TEST_CASE("loader: CR-only line endings are named; CRLF is read", "[loader][reader][hostile]")
{
  CHECK(read("-", "version: 1\rname: a\r").rendered ==
        "<stdin>:1:11: error: input has a line ending with a lone carriage return (CR); convert the file to "
        "LF or CRLF line endings [cr-line-endings]\n"
        "     = expected: LF or CRLF line endings\n"
        "     = found: a CR (0x0D) not followed by LF\n");
  CHECK(read("-", "version: 1\r\nname: a\r\n").input.has_value());
}
