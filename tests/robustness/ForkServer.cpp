#include "ForkServer.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <fcntl.h>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace sb::robust {
namespace {

// Messages are a 64-bit length and that many bytes.
bool readExact(int fd, void* data, size_t n)
{
    auto* p = static_cast<char*>(data);
    while (n > 0) {
        const ssize_t got = ::read(fd, p, n);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return false;
        p += got;
        n -= size_t(got);
    }
    return true;
}

void writeExact(int fd, const void* data, size_t n)
{
    const auto* p = static_cast<const char*>(data);
    while (n > 0) {
        const ssize_t put = ::write(fd, p, n);
        if (put < 0 && errno == EINTR) continue;
        if (put <= 0) throw std::runtime_error("fork server pipe closed");
        p += put;
        n -= size_t(put);
    }
}

void send(int fd, const std::string& message)
{
    const uint64_t n = message.size();
    writeExact(fd, &n, sizeof n);
    writeExact(fd, message.data(), message.size());
}

bool receive(int fd, std::string& message)
{
    uint64_t n = 0;
    if (!readExact(fd, &n, sizeof n)) return false;
    message.assign(n, '\0');
    return readExact(fd, message.data(), n);
}

}  // namespace

ForkServer::ForkServer(Call call, std::function<void()> setup, double timeoutSeconds)
{
    int up[2], down[2];
    if (::pipe2(up, O_CLOEXEC) != 0 || ::pipe2(down, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    std::fflush(nullptr);
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        ::close(up[1]);
        ::close(down[0]);
        requests_ = up[0];
        replies_ = down[1];
        serve(call, setup, timeoutSeconds);
    }
    ::close(up[0]);
    ::close(down[1]);
    requests_ = up[1];
    replies_ = down[0];
}

ForkServer::~ForkServer()
{
    ::close(requests_);  // the server sees end-of-file and exits
    ::close(replies_);
    int status = 0;
    ::waitpid(pid_, &status, 0);
}

void ForkServer::serve(const Call& call, const std::function<void()>& setup, double timeoutSeconds)
{
    std::string request;
    while (receive(requests_, request)) {
        const auto loader = static_cast<Loader>(request[0]);
        const std::string input = request.substr(1);
        const ChildOutcome o = runIsolated([&] { return call(loader, input); }, timeoutSeconds, setup);
        const int64_t memory[2] = {o.peakRssKiB, o.startRssKiB};
        std::string reply(1, char(o.kind));
        reply.append(reinterpret_cast<const char*>(memory), sizeof memory);
        send(replies_, reply + o.text);
    }
    _exit(0);
}

ChildOutcome ForkServer::run(Loader loader, const std::string& input)
{
    send(requests_, std::string(1, char(loader)) + input);
    std::string reply;
    if (!receive(replies_, reply) || reply.size() < 17) throw std::runtime_error("the fork server died");
    ChildOutcome o;
    o.kind = static_cast<ChildOutcome::Kind>(reply[0]);
    int64_t memory[2];
    std::memcpy(memory, reply.data() + 1, sizeof memory);
    o.peakRssKiB = long(memory[0]);
    o.startRssKiB = long(memory[1]);
    o.text = reply.substr(17);
    return o;
}

}  // namespace sb::robust
