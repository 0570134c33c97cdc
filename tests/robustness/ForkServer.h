#pragma once
// A small process, forked before the suite allocates its cases, that forks the isolated
// children (IsolatedCall) on request. fork() copies the page tables of the process that
// calls it: from the test process, holding every generated input, that costs tens of
// milliseconds per case; from this server, holding little more than the libraries, a
// few. Requests and outcomes travel through two pipes.
#include "IsolatedCall.h"
#include "RobustCase.h"

#include <sys/types.h>

#include <functional>
#include <string>

namespace sb::robust {

class ForkServer {
public:
    using Call = std::function<std::string(Loader loader, const std::string& input)>;

    // Forks the server now. Each request runs `call` in a fresh child of the server,
    // after `setup`, with `timeoutSeconds` to finish.
    ForkServer(Call call, std::function<void()> setup, double timeoutSeconds);
    ~ForkServer();
    ForkServer(const ForkServer&) = delete;
    ForkServer& operator=(const ForkServer&) = delete;

    ChildOutcome run(Loader loader, const std::string& input);

private:
    [[noreturn]] void serve(const Call& call, const std::function<void()>& setup, double timeoutSeconds);

    int requests_ = -1, replies_ = -1;
    pid_t pid_ = -1;
};

}  // namespace sb::robust
