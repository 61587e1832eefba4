#include "app.hpp"

int main(int argc, char** argv) { return flowhook::run(argc, argv); }
