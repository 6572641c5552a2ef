"""SDMX imports: SDMX-CSV (1.0 and 2.0 headers) and SDMX-ML data messages."""

import pytest

from aimaq.indicators.models import ImportStatus, Observation
from aimaq.indicators.tests.test_import_csv import do_import
from aimaq.testing.indicators import IndicatorFactory, sex_dimension
from aimaq.testing.territories import small_tree

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    """Import runs keep a copy of their file: keep the tests' copies out of var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


SDMX_CSV = (
    "DATAFLOW,INDICATOR,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MULT\n"
    "KZ:DF_POP(1.0),population,350000000,_T,2022,1134000,A,0\n"
    "KZ:DF_POP(1.0),population,350000000,F,2022,589000,P,0\n"
    "KZ:DF_POP(1.0),population,355200000,_T,2022,24000,A,0\n"
)


@pytest.fixture
def tree():
    territories = small_tree()
    IndicatorFactory(code="population").dimensions.add(sex_dimension())
    return territories


def test_sdmx_csv_imports_with_status_and_sex(tree):
    run = do_import(SDMX_CSV, name="population.csv")
    assert run.status == ImportStatus.DONE, run.errors
    assert run.file_format == "sdmx-csv" and run.new == 3
    female = Observation.objects.get(disaggregation="sex=female")
    assert (female.value, female.status, female.territory) == (
        589000,
        "provisional",
        tree["karaganda"],
    )


def test_sdmx_csv_2_header_and_errors_name_sdmx_columns(tree):
    text = (
        "STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,REF_AREA,TIME_PERIOD,OBS_VALUE\n"
        "dataflow,KZ:DF_POP(1.0),I,population,350000000,2022,1134000\n"
        "dataflow,KZ:DF_POP(1.0),I,population,999999999,2022,abc\n"
    )
    run = do_import(text, name="population.csv")
    assert [(e["row"], e["column"]) for e in run.errors] == [(3, "REF_AREA"), (3, "OBS_VALUE")]
    assert Observation.objects.count() == 0


STRUCTURE_SPECIFIC = """<?xml version="1.0" encoding="UTF-8"?>
<message:StructureSpecificData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
    xmlns:ss="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific">
  <message:Header><message:ID>POP</message:ID></message:Header>
  <message:DataSet ss:dataScope="DataStructure">
    <Series INDICATOR="population" REF_AREA="350000000" SEX="_T">
      <Obs TIME_PERIOD="2021" OBS_VALUE="1130000"/>
      <Obs TIME_PERIOD="2022" OBS_VALUE="1134000" OBS_STATUS="P"/>
    </Series>
  </message:DataSet>
</message:StructureSpecificData>
"""

GENERIC = """<?xml version="1.0" encoding="UTF-8"?>
<message:GenericData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
    xmlns:generic="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic">
  <message:DataSet>
    <generic:Series>
      <generic:SeriesKey>
        <generic:Value id="INDICATOR" value="population"/>
        <generic:Value id="REF_AREA" value="355200000"/>
      </generic:SeriesKey>
      <generic:Obs>
        <generic:ObsDimension value="2022"/>
        <generic:ObsValue value="24000"/>
      </generic:Obs>
    </generic:Series>
  </message:DataSet>
</message:GenericData>
"""


def test_sdmx_ml_structure_specific_and_generic(tree):
    run = do_import(STRUCTURE_SPECIFIC, name="pop.xml")
    assert run.status == ImportStatus.DONE, run.errors
    assert Observation.objects.get(period="2022").status == "provisional"
    run = do_import(GENERIC, name="pop.xml")
    assert run.status == ImportStatus.DONE, run.errors
    assert Observation.objects.get(territory=tree["nura"]).value == 24000


def test_malformed_xml_is_refused(tree):
    run = do_import("<message:GenericData><oops>", name="pop.xml")
    assert run.status == ImportStatus.REFUSED and run.errors[0]["column"] == "XML"
