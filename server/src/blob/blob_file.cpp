#include "blob/blob_file.hpp"

#include <unistd.h>

namespace wstudio::server {

BlobFile::~BlobFile() { ::close(fd_); }

}  // namespace wstudio::server
