// The run's `replicate` and `seed` as scalar coordinates of every group, and the typed root
// attributes scale / replicate / base_seed (docs/output-format.md; issue 17, points 7 and 9).
#include <doctest/doctest.h>
#include <hdf5.h>

#include <cstdint>
#include <string>

#include "core/error.h"
#include "io/h5_reader.h"
#include "io/h5_writer.h"
#include "record/run_record.h"
#include "sample_record.h"


using namespace prosim;

namespace {

template <class T>
T read_scalar(hid_t f, const std::string& path, hid_t mem_type) {
  hid_t ds = H5Dopen2(f, path.c_str(), H5P_DEFAULT);
  REQUIRE(ds >= 0);
  T v{};
  CHECK(H5Dread(ds, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, &v) >= 0);
  H5Dclose(ds);
  return v;
}

std::string coordinates_of(hid_t f, const std::string& path) {
  hid_t a = H5Aopen_by_name(f, path.c_str(), "coordinates", H5P_DEFAULT, H5P_DEFAULT);
  REQUIRE(a >= 0);
  hid_t t = H5Aget_type(a);
  std::string s(H5Tget_size(t), '\0');
  CHECK(H5Aread(a, t, s.data()) >= 0);
  H5Tclose(t);
  H5Aclose(a);
  return s.c_str();
}

H5T_class_t attribute_class(hid_t f, const char* name) {
  hid_t a = H5Aopen_by_name(f, "/", name, H5P_DEFAULT, H5P_DEFAULT);
  REQUIRE(a >= 0);
  hid_t t = H5Aget_type(a);
  const H5T_class_t cls = H5Tget_class(t);
  H5Tclose(t);
  H5Aclose(a);
  return cls;
}

}  // namespace

TEST_CASE("every group carries replicate and seed; scale, replicate and base_seed are typed") {
  RunRecord r = io_test::make_sample_record();
  r.seed = 1647634962315999019ULL;  // a replicate seed above 2^53: stored exactly as uint64
  r.replicate = 3;
  r.base_seed = 20210101;
  r.scale = 0.005;
  const std::string path = io_test::scratch("run_coordinates.h5");
  write_run(r, path);

  hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(f >= 0);
  for (const Group& g : r.groups) {
    const std::string prefix = g.path == "/" ? "/" : g.path + "/";
    CAPTURE(g.path);
    CHECK(read_scalar<std::uint64_t>(f, prefix + "seed", H5T_NATIVE_UINT64) == r.seed);
    CHECK(read_scalar<int>(f, prefix + "replicate", H5T_NATIVE_INT) == 3);
    for (const Variable& v : g.variables) {
      const std::string coords = coordinates_of(f, prefix + v.name);
      CHECK(coords.find("replicate seed") != std::string::npos);
    }
  }
  CHECK(attribute_class(f, "scale") == H5T_FLOAT);
  CHECK(attribute_class(f, "replicate") == H5T_INTEGER);
  CHECK(attribute_class(f, "base_seed") == H5T_INTEGER);
  H5Fclose(f);

  // read_run gives the same record: the coordinates are not extra variables.
  const RunRecord back = read_run(path);
  CHECK(back.seed == r.seed);
  CHECK(back.replicate == 3);
  CHECK(back.base_seed == 20210101);
  CHECK(back.scale == 0.005);
  for (const Group& g : r.groups) CHECK(back.find_group(g.path)->variables.size() == g.variables.size());
  CHECK(back.attributes.count("scale") == 0);
}

TEST_CASE("a variable named seed or replicate is refused (the names are the run's coordinates)") {
  for (const char* name : {"seed", "replicate"}) {
    RunRecord r = io_test::make_sample_record();
    r.group("/county").variables[0].name = name;
    CHECK_THROWS_AS(write_run(r, io_test::scratch("reserved_coordinate.h5")), RuntimeFailure);
  }
}
