// write_run / read_run round trip, crash safety, rejection of bad files, SHA-256 vectors.
#include <doctest/doctest.h>
#include <hdf5.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "io/h5_reader.h"
#include "io/h5_writer.h"
#include "io/sha256.h"
#include "record/run_record.h"
#include "sample_record.h"

namespace fs = std::filesystem;

namespace prosim::io_test {

// A scratch file path under the build tree; any leftover from an earlier run is removed.
std::string scratch(const std::string& name) {
  const fs::path dir = fs::path(PROSIM_TEST_TMP) / "io";
  fs::create_directories(dir);
  const fs::path p = dir / name;
  fs::remove_all(p);
  fs::remove_all(p.string() + ".part");
  return p.string();
}

// Days from 2021-01-01 to the first of each month, for `months` months.
std::vector<double> month_starts(int months) {
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  std::vector<double> out;
  int year = 2021, month = 0;
  double t = 0;
  for (int i = 0; i < months; ++i) {
    out.push_back(t);
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    t += days[month] + (month == 1 && leap ? 1 : 0);
    if (++month == 12) {
      month = 0;
      ++year;
    }
  }
  return out;
}

Axis time_axis(int months) {
  Axis a;
  a.name = "time";
  a.units = "days since 2021-01-01";
  a.long_name = "time (first day of the month)";
  a.values = month_starts(months);
  a.unlimited = true;
  a.calendar = "standard";
  return a;
}

// The small record used by the io tests: root with 24 months and 3 variables, /county
// (time x 3 labelled counties), /village (year x 4 labelled villages).
RunRecord make_sample_record() {
  RunRecord r;
  r.seed = 12345678901234567890ULL;  // above INT64_MAX: must survive as uint64
  r.scenario_json = R"({"name":"sample","months":24,"policy":{"kind":"basic_income","amount":300}})";
  r.scenario_sha256 = sha256_hex(r.scenario_json);
  r.wall_seconds = 1.25;
  r.threads = 4;
  r.attributes["title"] = "prosim io test";
  r.attributes["source"] = "prosim 0.1.0";
  r.attributes["history"] = "created by tests/io/h5_writer_test.cpp";
  r.attributes["comment"] = "";  // empty attributes must survive too

  Group& root = r.group("/");
  root.axes.push_back(time_axis(24));
  StringVariable month{"month", "calendar month", "time", {}};
  for (int i = 0; i < 24; ++i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", 2021 + i / 12, 1 + i % 12);
    month.data.push_back(buf);
  }
  root.strings.push_back(month);
  Variable pop{"population", "persons", "resident population", {"time"}, {}};
  Variable income{"mean_income", "EUR month-1", "mean disposable household income", {"time"}, {}};
  Variable gini{"gini", "1", "Gini coefficient of disposable income", {"time"}, {}};
  for (int i = 0; i < 24; ++i) {
    pop.data.push_back(100000.0 + 10.0 * i);
    income.data.push_back(2000.0 + 0.5 * i);
    gini.data.push_back(i == 5 ? std::nan("") : 0.3 + 0.001 * i);
  }
  root.variables = {pop, income, gini};

  Group& county = r.group("/county");
  county.attributes["description"] = "county-level series";
  county.axes.push_back(time_axis(24));
  Axis c;
  c.name = "county";
  c.units = "1";
  c.long_name = "county index";
  c.values = {0, 1, 2};
  c.labels = {"Nordkreis", "Mittelkreis", "Südkreis"};  // non-ASCII label on purpose
  county.axes.push_back(c);
  Variable ci{"income", "EUR month-1", "mean disposable household income", {"time", "county"}, {}};
  for (int t = 0; t < 24; ++t)
    for (int k = 0; k < 3; ++k) ci.data.push_back(1000.0 * (k + 1) + t);
  county.variables.push_back(ci);

  Group& village = r.group("/village");
  Axis y;
  y.name = "year";
  y.units = "year";
  y.long_name = "calendar year";
  y.values = {2021, 2022};
  village.axes.push_back(y);
  Axis v;
  v.name = "village";
  v.units = "1";
  v.long_name = "village index";
  v.values = {0, 1, 2, 3};
  v.labels = {"Altdorf", "Neudorf", "Bergheim", "Talheim"};
  village.axes.push_back(v);
  Variable hh{"households", "1", "number of households", {"year", "village"}, {}};
  for (int t = 0; t < 2; ++t)
    for (int k = 0; k < 4; ++k) hh.data.push_back(100.0 * (k + 1) + t);
  village.variables.push_back(hh);
  return r;
}

}  // namespace prosim::io_test

using namespace prosim;
using prosim::io_test::make_sample_record;
using prosim::io_test::scratch;

namespace {

// Overwrites (or with value < 0 deletes) the root attribute `completed` with the raw HDF5 API.
void set_completed(const std::string& path, int value) {
  hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  REQUIRE(f >= 0);
  if (value < 0) {
    CHECK(H5Adelete_by_name(f, "/", "completed", H5P_DEFAULT) >= 0);
  } else {
    hid_t a = H5Aopen_by_name(f, "/", "completed", H5P_DEFAULT, H5P_DEFAULT);
    REQUIRE(a >= 0);
    CHECK(H5Awrite(a, H5T_NATIVE_INT, &value) >= 0);
    H5Aclose(a);
  }
  CHECK(H5Fclose(f) >= 0);
}

bool throws_runtime_failure_mentioning(const std::string& path, const std::string& needle) {
  try {
    (void)read_run(path);
  } catch (const RuntimeFailure& e) {
    const std::string what = e.what();
    INFO("message: " << what);
    CHECK(what.find(path) != std::string::npos);
    CHECK(what.find(needle) != std::string::npos);
    return true;
  }
  return false;
}

}  // namespace

TEST_CASE("sha256_hex matches the FIPS 180-4 test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  // 55 and 56 bytes: the padding boundary (one vs two final blocks).
  CHECK(sha256_hex(std::string(55, 'a')) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  CHECK(sha256_hex(std::string(56, 'a')) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  CHECK(sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("write_run then read_run returns the same record") {
  const RunRecord in = make_sample_record();
  const std::string path = scratch("roundtrip.h5");
  write_run(in, path);
  CHECK(fs::exists(path));
  CHECK_FALSE(fs::exists(path + ".part"));

  const RunRecord out = read_run(path);
  CHECK(out.seed == 12345678901234567890ULL);
  CHECK(out.scenario_json == in.scenario_json);
  CHECK(out.scenario_sha256 == sha256_hex(in.scenario_json));
  CHECK(out.scenario_sha256.size() == 64);
  CHECK(out.wall_seconds == doctest::Approx(1.25));
  CHECK(out.threads == 4);
  CHECK(out.attributes.at("Conventions") == "CF-1.10");
  CHECK(out.attributes.at("title") == "prosim io test");
  CHECK(out.attributes.at("source") == "prosim 0.1.0");
  CHECK(out.attributes.at("history") == "created by tests/io/h5_writer_test.cpp");
  CHECK(out.attributes.at("comment").empty());
  CHECK(out.attributes.count("completed") == 0);  // reserved, not a user attribute

  REQUIRE(out.groups.size() == 3);
  CHECK(out.groups[0].path == "/");
  CHECK(out.groups[1].path == "/county");
  CHECK(out.groups[2].path == "/village");

  const Group& root = out.groups[0];
  REQUIRE(root.axes.size() == 1);
  const Axis& t = root.axes[0];
  CHECK(t.name == "time");
  CHECK(t.units == "days since 2021-01-01");
  CHECK(t.long_name == "time (first day of the month)");
  CHECK(t.calendar == "standard");
  CHECK(t.unlimited);
  REQUIRE(t.values.size() == 24);
  CHECK(t.values[0] == 0);
  CHECK(t.values[1] == 31);
  CHECK(t.values[12] == 365);
  CHECK(t.values[23] == 699);  // 2022-12-01
  REQUIRE(root.variables.size() == 3);
  CHECK(root.variables[0].name == "population");
  CHECK(root.variables[1].name == "mean_income");
  CHECK(root.variables[2].name == "gini");
  for (const Variable& v : root.variables) {
    CHECK(v.dims == std::vector<std::string>{"time"});
    CHECK(v.data.size() == 24);
  }
  const Variable* pop = root.variable("population");
  REQUIRE(pop);
  CHECK(pop->units == "persons");
  CHECK(pop->long_name == "resident population");
  CHECK(pop->data[0] == 100000.0);
  CHECK(pop->data[23] == 100230.0);
  const Variable* gini = root.variable("gini");
  REQUIRE(gini);
  CHECK(gini->units == "1");
  CHECK(std::isnan(gini->data[5]));
  CHECK(gini->data[6] == doctest::Approx(0.306));
  REQUIRE(root.strings.size() == 1);
  CHECK(root.strings[0].name == "month");
  CHECK(root.strings[0].dim == "time");
  CHECK(root.strings[0].long_name == "calendar month");
  CHECK(root.strings[0].data.front() == "2021-01");
  CHECK(root.strings[0].data.back() == "2022-12");

  const Group& county = out.groups[1];
  CHECK(county.attributes.at("description") == "county-level series");
  REQUIRE(county.axes.size() == 2);
  CHECK(county.axes[0].name == "time");
  CHECK(county.axes[0].unlimited);
  const Axis* c = county.axis("county");
  REQUIRE(c);
  CHECK_FALSE(c->unlimited);
  CHECK(c->values == std::vector<double>{0, 1, 2});
  CHECK(c->labels == std::vector<std::string>{"Nordkreis", "Mittelkreis", "Südkreis"});
  CHECK(c->long_name == "county index");
  CHECK(county.strings.empty());  // county_name went back into the axis labels
  const Variable* ci = county.variable("income");
  REQUIRE(ci);
  CHECK(ci->dims == std::vector<std::string>{"time", "county"});
  REQUIRE(ci->data.size() == 72);
  CHECK(ci->data[0] == 1000.0);
  CHECK(ci->data[2] == 3000.0);        // t = 0, county 2
  CHECK(ci->data[3 * 23 + 1] == 2023.0);  // t = 23, county 1
  CHECK(ci->units == "EUR month-1");

  const Group& village = out.groups[2];
  const Axis* y = village.axis("year");
  REQUIRE(y);
  CHECK(y->values == std::vector<double>{2021, 2022});
  CHECK_FALSE(y->unlimited);
  CHECK(y->units == "year");
  const Axis* v = village.axis("village");
  REQUIRE(v);
  CHECK(v->labels.size() == 4);
  CHECK(v->labels[2] == "Bergheim");
  const Variable* hh = village.variable("households");
  REQUIRE(hh);
  CHECK(hh->dims == std::vector<std::string>{"year", "village"});
  CHECK(hh->data == std::vector<double>{100, 200, 300, 400, 101, 201, 301, 401});
}

TEST_CASE("write_run computes scenario_sha256 when the record leaves it empty") {
  RunRecord in = make_sample_record();
  in.scenario_sha256.clear();
  const std::string path = scratch("sha.h5");
  write_run(in, path);
  CHECK(read_run(path).scenario_sha256 == sha256_hex(in.scenario_json));
}

TEST_CASE("the file layout is netCDF-4 style: scales, unlimited time, chunks, deflate, completed last") {
  const std::string path = scratch("layout.h5");
  write_run(make_sample_record(), path);
  hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(f >= 0);

  // Link and attribute creation order tracked and indexed on the root group and the groups.
  for (const char* group : {"/", "/county", "/village"}) {
    INFO("group " << group);
    hid_t g = H5Gopen2(f, group, H5P_DEFAULT);
    REQUIRE(g >= 0);
    hid_t gcpl = H5Gget_create_plist(g);
    unsigned flags = 0;
    CHECK(H5Pget_link_creation_order(gcpl, &flags) >= 0);
    CHECK(flags == (H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED));
    flags = 0;
    CHECK(H5Pget_attr_creation_order(gcpl, &flags) >= 0);
    CHECK(flags == (H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED));
    H5Pclose(gcpl);
    H5Gclose(g);
  }

  // `completed` is the last root attribute by creation order.
  H5O_info_t info;
  REQUIRE(H5Oget_info_by_name(f, "/", &info, H5P_DEFAULT) >= 0);
  REQUIRE(info.num_attrs > 0);
  char name[64] = {};
  H5Aget_name_by_idx(f, "/", H5_INDEX_CRT_ORDER, H5_ITER_INC, info.num_attrs - 1, name, sizeof name, H5P_DEFAULT);
  CHECK(std::string(name) == "completed");

  // time: unlimited and chunked.
  hid_t time = H5Dopen2(f, "/time", H5P_DEFAULT);
  REQUIRE(time >= 0);
  hid_t space = H5Dget_space(time);
  hsize_t dims[1], maxdims[1];
  H5Sget_simple_extent_dims(space, dims, maxdims);
  CHECK(dims[0] == 24);
  CHECK(maxdims[0] == H5S_UNLIMITED);
  H5Sclose(space);
  hid_t plist = H5Dget_create_plist(time);
  CHECK(H5Pget_layout(plist) == H5D_CHUNKED);
  H5Pclose(plist);
  H5Dclose(time);

  // A 2-D data variable: chunked, shuffle + deflate(4), NaN fill, attached scales.
  hid_t income = H5Dopen2(f, "/county/income", H5P_DEFAULT);
  REQUIRE(income >= 0);
  plist = H5Dget_create_plist(income);
  CHECK(H5Pget_layout(plist) == H5D_CHUNKED);
  hsize_t chunk[2] = {0, 0};
  CHECK(H5Pget_chunk(plist, 2, chunk) == 2);
  CHECK(chunk[0] == 24);  // small data: one chunk holds it all
  CHECK(chunk[1] == 3);
  bool has_shuffle = false, has_deflate = false;
  const int nfilters = H5Pget_nfilters(plist);
  for (int i = 0; i < nfilters; ++i) {
    unsigned fl = 0, cd[4] = {};
    size_t ncd = 4;
    const H5Z_filter_t id = H5Pget_filter2(plist, i, &fl, &ncd, cd, 0, nullptr, nullptr);
    if (id == H5Z_FILTER_SHUFFLE) has_shuffle = true;
    if (id == H5Z_FILTER_DEFLATE) {
      has_deflate = true;
      CHECK(cd[0] == 4);
    }
  }
  CHECK(has_shuffle);
  CHECK(has_deflate);
  double fill = 0;
  CHECK(H5Pget_fill_value(plist, H5T_NATIVE_DOUBLE, &fill) >= 0);
  CHECK(std::isnan(fill));
  H5Pclose(plist);
  CHECK(H5Aexists(income, "_FillValue") > 0);
  CHECK(H5Aexists(income, "DIMENSION_LIST") > 0);
  CHECK(H5Aexists(income, "coordinates") > 0);
  H5Dclose(income);

  // Every axis is a dimension scale named after its dimension.
  hid_t county = H5Dopen2(f, "/county/county", H5P_DEFAULT);
  REQUIRE(county >= 0);
  CHECK(H5Aexists(county, "CLASS") > 0);
  CHECK(H5Aexists(county, "NAME") > 0);
  CHECK(H5Aexists(county, "REFERENCE_LIST") > 0);
  H5Dclose(county);
  CHECK(H5Lexists(f, "/county/county_name", H5P_DEFAULT) > 0);
  CHECK(H5Lexists(f, "/village/village_name", H5P_DEFAULT) > 0);

  // scenario_json is a scalar variable-length string dataset in /scenario (not in the root).
  CHECK(H5Lexists(f, "/scenario_json", H5P_DEFAULT) == 0);
  hid_t sj = H5Dopen2(f, "/scenario/scenario_json", H5P_DEFAULT);
  REQUIRE(sj >= 0);
  hid_t sjt = H5Dget_type(sj);
  CHECK(H5Tis_variable_str(sjt) > 0);
  H5Tclose(sjt);
  hid_t sjs = H5Dget_space(sj);
  CHECK(H5Sget_simple_extent_type(sjs) == H5S_SCALAR);
  H5Sclose(sjs);
  H5Dclose(sj);
  CHECK(H5Fclose(f) >= 0);
}

TEST_CASE("large variables are split into chunks of 64 KiB to 1 MiB") {
  RunRecord r = make_sample_record();
  Group& hs = r.group("/household_sample");
  Axis t = prosim::io_test::time_axis(120);
  hs.axes.push_back(t);
  Axis h;
  h.name = "household";
  h.units = "1";
  h.long_name = "sampled household";
  for (int i = 0; i < 3000; ++i) h.values.push_back(i);
  hs.axes.push_back(h);
  Variable inc{"income", "EUR month-1", "household income", {"time", "household"}, {}};
  inc.data.resize(120 * 3000);
  for (std::size_t i = 0; i < inc.data.size(); ++i) inc.data[i] = static_cast<double>(i % 977);
  hs.variables.push_back(inc);
  const std::string path = scratch("large.h5");
  write_run(r, path);

  hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(f >= 0);
  hid_t ds = H5Dopen2(f, "/household_sample/income", H5P_DEFAULT);
  REQUIRE(ds >= 0);
  hid_t plist = H5Dget_create_plist(ds);
  hsize_t chunk[2] = {0, 0};
  REQUIRE(H5Pget_chunk(plist, 2, chunk) == 2);
  const double bytes = 8.0 * chunk[0] * chunk[1];
  CHECK(bytes >= 64.0 * 1024);
  CHECK(bytes <= 1024.0 * 1024);
  CHECK(chunk[1] == 3000);
  H5Pclose(plist);
  H5Dclose(ds);
  H5Fclose(f);

  const RunRecord back = read_run(path);
  const Group* g = back.find_group("/household_sample");
  REQUIRE(g);
  const Variable* v = g->variable("income");
  REQUIRE(v);
  CHECK(v->data == inc.data);
}

TEST_CASE("empty axes, scalar variables and nested groups are written and read back") {
  RunRecord r = make_sample_record();
  Group& d = r.group("/distribution");
  Axis t = prosim::io_test::time_axis(0);  // unlimited, no months yet
  d.axes.push_back(t);
  Axis dec;
  dec.name = "decile";
  dec.units = "1";
  dec.long_name = "income decile";
  d.axes.push_back(dec);  // empty fixed axis
  d.variables.push_back(Variable{"share", "1", "income share", {"time", "decile"}, {}});
  d.variables.push_back(Variable{"total", "EUR", "total income", {}, {42.5}});  // scalar
  Group& nested = r.group("/distribution/extra");
  Axis k;
  k.name = "k";
  k.units = "1";
  k.long_name = "k";
  k.values = {1.5, 2.5};
  nested.axes.push_back(k);
  nested.variables.push_back(Variable{"x", "1", "x", {"k"}, {3, 4}});
  const std::string path = scratch("edge.h5");
  write_run(r, path);

  const RunRecord back = read_run(path);
  const Group* g = back.find_group("/distribution");
  REQUIRE(g);
  REQUIRE(g->axis("time"));
  CHECK(g->axis("time")->values.empty());
  CHECK(g->axis("time")->unlimited);
  REQUIRE(g->axis("decile"));
  CHECK(g->axis("decile")->values.empty());
  REQUIRE(g->variable("share"));
  CHECK(g->variable("share")->data.empty());
  CHECK(g->variable("share")->dims == std::vector<std::string>{"time", "decile"});
  REQUIRE(g->variable("total"));
  CHECK(g->variable("total")->dims.empty());
  CHECK(g->variable("total")->data == std::vector<double>{42.5});
  const Group* n = back.find_group("/distribution/extra");
  REQUIRE(n);
  CHECK(n->axis("k")->values == std::vector<double>{1.5, 2.5});
  CHECK(n->variable("x")->data == std::vector<double>{3, 4});
}

TEST_CASE("whole-number fixed axes are stored as int32, time as float64") {
  const std::string path = scratch("int_axes.h5");
  write_run(make_sample_record(), path);
  hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(f >= 0);
  auto type_of = [&](const char* name) {
    hid_t ds = H5Dopen2(f, name, H5P_DEFAULT);
    REQUIRE(ds >= 0);
    hid_t t = H5Dget_type(ds);
    const H5T_class_t cls = H5Tget_class(t);
    const size_t size = H5Tget_size(t);
    H5Tclose(t);
    H5Dclose(ds);
    return std::make_pair(cls, size);
  };
  CHECK(type_of("/time") == std::make_pair(H5T_FLOAT, size_t{8}));
  CHECK(type_of("/county/county") == std::make_pair(H5T_INTEGER, size_t{4}));
  CHECK(type_of("/village/year") == std::make_pair(H5T_INTEGER, size_t{4}));
  CHECK(type_of("/county/income") == std::make_pair(H5T_FLOAT, size_t{8}));
  H5Fclose(f);
}

TEST_CASE("write_run overwrites an existing file only with a complete one") {
  const std::string path = scratch("overwrite.h5");
  RunRecord r = make_sample_record();
  write_run(r, path);
  r.seed = 7;
  write_run(r, path);
  CHECK(read_run(path).seed == 7);
  CHECK_FALSE(fs::exists(path + ".part"));

  // A stale .part from a crashed run is replaced, then renamed away.
  { std::ofstream(path + ".part") << "garbage from a crash"; }
  r.seed = 8;
  write_run(r, path);
  CHECK(read_run(path).seed == 8);
  CHECK_FALSE(fs::exists(path + ".part"));
}

TEST_CASE("write_run into an unwritable place throws RuntimeFailure and leaves nothing") {
  const RunRecord r = make_sample_record();

  const std::string missing_dir = scratch("no_such_dir") + "/run.h5";
  CHECK_THROWS_AS(write_run(r, missing_dir), RuntimeFailure);
  CHECK_FALSE(fs::exists(missing_dir));
  CHECK_FALSE(fs::exists(missing_dir + ".part"));

  // The parent "directory" is a regular file.
  const std::string file_parent = scratch("a_regular_file");
  { std::ofstream(file_parent) << "x"; }
  const std::string under_file = file_parent + "/run.h5";
  try {
    write_run(r, under_file);
    FAIL("write_run did not throw");
  } catch (const RuntimeFailure& e) {
    const std::string what = e.what();
    INFO(what);
    CHECK(what.find(under_file + ".part") != std::string::npos);  // names the file
    CHECK(what.find("HDF5") != std::string::npos);                // explains the HDF5 error
  }
  CHECK_FALSE(fs::exists(under_file));

  // Failure after the .part is written (the final rename onto a non-empty directory):
  // the .part is removed and the directory is untouched.
  const std::string dir_target = scratch("target_is_dir.h5");
  fs::create_directories(fs::path(dir_target) / "keep");
  CHECK_THROWS_AS(write_run(r, dir_target), RuntimeFailure);
  CHECK_FALSE(fs::exists(dir_target + ".part"));
  CHECK(fs::is_directory(fs::path(dir_target) / "keep"));
}

TEST_CASE("write_run rejects an inconsistent record before creating a file") {
  const std::string path = scratch("invalid.h5");
  SUBCASE("data size does not match the axes") {
    RunRecord r = make_sample_record();
    r.group("/county").variables[0].data.pop_back();
    CHECK_THROWS_AS(write_run(r, path), RuntimeFailure);
  }
  SUBCASE("unknown dimension") {
    RunRecord r = make_sample_record();
    r.group("/village").variables[0].dims = {"year", "county"};
    CHECK_THROWS_AS(write_run(r, path), RuntimeFailure);
  }
  SUBCASE("labels and values differ in length") {
    RunRecord r = make_sample_record();
    r.group("/county").axes[1].labels.pop_back();
    CHECK_THROWS_AS(write_run(r, path), RuntimeFailure);
  }
  SUBCASE("duplicate names") {
    RunRecord r = make_sample_record();
    r.group("/").variables[1].name = "population";
    CHECK_THROWS_AS(write_run(r, path), RuntimeFailure);
  }
  SUBCASE("reserved global attribute") {
    RunRecord r = make_sample_record();
    r.attributes["completed"] = "1";
    CHECK_THROWS_AS(write_run(r, path), RuntimeFailure);
  }
  CHECK_FALSE(fs::exists(path));
  CHECK_FALSE(fs::exists(path + ".part"));
}

TEST_CASE("read_run rejects incomplete files, non-prosim HDF5 files and non-HDF5 files") {
  SUBCASE("completed = 0") {
    const std::string path = scratch("incomplete.h5");
    write_run(make_sample_record(), path);
    set_completed(path, 0);
    CHECK(throws_runtime_failure_mentioning(path, "completed"));
  }
  SUBCASE("no completed attribute") {
    const std::string path = scratch("no_completed.h5");
    write_run(make_sample_record(), path);
    set_completed(path, -1);
    CHECK(throws_runtime_failure_mentioning(path, "completed"));
  }
  SUBCASE("an HDF5 file that prosim did not write") {
    const std::string path = scratch("foreign.h5");
    hid_t f = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    REQUIRE(f >= 0);
    H5Fclose(f);
    CHECK(throws_runtime_failure_mentioning(path, "not a prosim output"));
  }
  SUBCASE("a text file") {
    const std::string path = scratch("text.h5");
    { std::ofstream(path) << "this is not HDF5\n"; }
    CHECK(throws_runtime_failure_mentioning(path, "not an HDF5 file"));
  }
  SUBCASE("a missing file") {
    const std::string path = scratch("missing.h5");
    CHECK(throws_runtime_failure_mentioning(path, "no such file"));
  }
}
