// SPDX-License-Identifier: Apache-2.0
// Memory is flat in the number of files: the peak RSS of `check`, `validate` and `recommend`
// (Markdown, which like text holds the reports back until the comparison is written) on 2,000
// copies of an example stays within a few MB of their peak on one copy.
//
//   ghes_topology_flat_memory BIN EXAMPLE [COPIES]
//
// Runs BIN (stdout to /dev/null) and reads the child's peak RSS from wait4(). No timing.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <fcntl.h>

namespace fs = std::filesystem;

namespace {

// Headroom for what a run keeps per file (one summary row, a few dozen bytes) and for
// allocator noise; far below what keeping every file would cost (tens of MB at 2,000).
constexpr long k_allowed_growth_kb = 4 * 1024;

// Runs `args` with stdout and stderr on /dev/null; returns the peak RSS in KiB and stores
// the exit code.
long peak_rss_kb(const std::vector<std::string>& args, int& exit_code)
{
  const pid_t pid = fork();
  if (pid < 0) {
    std::perror("fork");
    std::exit(2);
  }
  if (pid == 0) {
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    std::vector<char*> argv;
    for (const auto& a : args)
      argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) != pid) {
    std::perror("wait4");
    std::exit(2);
  }
  exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  return usage.ru_maxrss; // KiB on Linux
}

} // namespace

int main(int argc, char** argv)
{
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s BIN EXAMPLE [COPIES]\n", argv[0]);
    return 2;
  }
  const std::string bin = argv[1];
  const fs::path example = argv[2];
  const int copies = argc > 3 ? std::atoi(argv[3]) : 2000;

  std::string tmpl = (fs::temp_directory_path() / "ghes-topology-flat-memory-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) {
    std::perror("mkdtemp");
    return 2;
  }
  const fs::path dir = tmpl;
  std::vector<std::string> files;
  for (int i = 0; i < copies; ++i) {
    const fs::path copy = dir / ("env-" + std::to_string(i) + ".yaml");
    fs::copy_file(example, copy);
    files.push_back(copy.string());
  }

  bool ok = true;
  const std::vector<std::vector<std::string>> commands = {
      {bin, "check", "--fail-on", "none", "--today", "2026-06-01"},
      {bin, "check", "--fail-on", "none", "--today", "2026-06-01", "--format", "json"},
      {bin, "validate"},
      // recommend of several files writes a comparison first: the reports wait in a temporary
      // file, not in memory (text and Markdown share that spool; one of them keeps the test short).
      {bin, "recommend", "--today", "2026-06-01", "--format", "markdown"},
  };
  for (const auto& command : commands) {
    std::vector<std::string> one = command;
    one.push_back(files.front());
    std::vector<std::string> all = command;
    all.insert(all.end(), files.begin(), files.end());
    int one_rc = 0;
    int all_rc = 0;
    const long one_kb = peak_rss_kb(one, one_rc);
    const long all_kb = peak_rss_kb(all, all_rc);
    std::string name;
    for (std::size_t i = 1; i < command.size(); ++i)
      name += (i > 1 ? " " : "") + command[i];
    std::printf("%-60s 1 file: %6ld KiB   %d files: %6ld KiB   growth: %+ld KiB\n", name.c_str(), one_kb,
                copies, all_kb, all_kb - one_kb);
    if (one_rc != 0 || all_rc != 0) {
      std::printf("  FAILED: exit codes %d and %d, expected 0\n", one_rc, all_rc);
      ok = false;
    }
    if (all_kb - one_kb > k_allowed_growth_kb) {
      std::printf("  FAILED: peak RSS grew by more than %ld KiB\n", k_allowed_growth_kb);
      ok = false;
    }
  }
  fs::remove_all(dir);
  return ok ? 0 : 1;
}
