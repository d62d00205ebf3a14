import pathlib

from setuptools import find_packages, setup

here = pathlib.Path(__file__).parent.resolve()
long_description = (here / "README.md").read_text(encoding="utf-8")

setup(
    name="scale-api-client",
    version="0.1.0",
    description="A client library for accessing Scale AI REST API",
    long_description=long_description,
    long_description_content_type="text/markdown",
    packages=find_packages(),
    python_requires=">=3.11, <4",
    install_requires=["httpx >= 0.23.1, < 0.29.0", "attrs >= 22.2.0", "httpx-retries >= 0.6, < 0.7"],
    package_data={"scale_api_client": ["py.typed"]},
)
